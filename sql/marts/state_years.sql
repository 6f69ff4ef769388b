-- One row per COW member state per year of membership, 1816 to the end of the membership
-- data, with its regime (Polity5 and Boix-Miller-Rosato, each mapped to COW codes), its
-- Gleditsch-Ward number, the other democracy measures and each measure's previous-year
-- score (int_democracy_state_years), capabilities (NMC), major-power status and
-- membership of the EC/EU and NATO. A state that left the system and came back (Germany 1946-1989) has no
-- rows for the years it was out.
-- Conflict counts (mid_entered, mid_initiated, war_entered, war_ongoing) are 0 or false in
-- the years their source covers and NULL after it (MID: its last dispute's end year; COW
-- wars: the analysis setting war_data_last_year).
-- Rival explanations: trade (COW Trade 4.0: imports, exports, current million US dollars,
-- 1870-2014), full IGO memberships (COW IGO 3.0, 1816-2014), GDP (Anders et al., millions of
-- 2011 US dollars, the denominator of trade dependence) and GDP per capita (Fariss et al.,
-- 2011 international dollars), territorial threat (Miller, 1816-2010), military personnel
-- per head (NMC milper / tpop), and the leader in office at the year's end with tenure
-- (Archigos 4.1 through leader_years). Each is NULL where its source has no value.
with coverage as (
    select
        (select max(end_year) from stg_mid_disputes)                       as mid_last_year,
        (select cast(value as integer) from analysis_settings
         where setting = 'war_data_last_year')                              as war_last_year
),
leaders as (
    select ccode, year, count(*) as leaders_in_year
    from leader_years
    group by ccode, year
)
select
    s.ccode,
    s.year,
    s.stateabb,
    spell.statenme,
    gw.gwcode,
    p.polity2,
    lagged.polity2                            as polity2_lag,
    -- Polity counts a change of 3 points or more as a regime transition; a year coded as
    -- an interruption, interregnum or transition (-66/-77/-88) is one too.
    coalesce(abs(p.polity2 - lagged.polity2) >= 3, false)
        or p.polity_special is not null      as regime_change,
    p.polity,
    p.polity_special,
    p.democ,
    p.autoc,
    bmr.bmr_democracy,
    dem.v2x_polyarchy,
    dem.euds,
    dem.aeuds,
    dem.xm_qudsest,
    dem.uds_mean,
    dem.v2x_libdem,
    dem.bmr_democracy_lag,
    dem.v2x_polyarchy_lag,
    dem.euds_lag,
    dem.aeuds_lag,
    dem.xm_qudsest_lag,
    dem.uds_mean_lag,
    dem.v2x_libdem_lag,
    n.cinc,
    m.ccode is not null                       as major_power,
    coalesce(community.ec_eu_member, false)   as ec_eu_member,
    coalesce(community.nato_member, false)    as nato_member,
    trade.imports,
    trade.exports,
    igo.igos_full,
    sdp.gdp_usd2011_millions,
    gdp.gdppc,
    ln(gdp.gdppc)                             as log_gdppc,
    threat.terrthreat,
    -- NMC gives both in thousands; a state with no population recorded has no ratio.
    n.milper / nullif(n.tpop, 0)              as milper_per_capita,
    leader.leader,
    leader.leader_id,
    leader.start_date                         as leader_start_date,
    leader.tenure_years                       as leader_tenure_years,
    leaders.leaders_in_year,
    case when s.year <= coverage.mid_last_year then coalesce(mid.mid_entered, 0) end   as mid_entered,
    case when s.year <= coverage.mid_last_year then coalesce(mid.mid_initiated, 0) end as mid_initiated,
    case when s.year <= coverage.war_last_year then coalesce(war.war_entered, 0) end   as war_entered,
    case when s.year <= coverage.war_last_year then coalesce(war.war_ongoing, false) end as war_ongoing,
    peace.peace_years,
    peace.peace_years_sq,
    peace.peace_years_cu,
    peace.war_peace_years,
    peace.war_peace_years_sq,
    peace.war_peace_years_cu,
    peace.neighbours
from stg_system as s
cross join coverage
left join stg_states as spell
  on spell.ccode = s.ccode
 and s.year between spell.start_year and spell.end_year
left join int_polity_state_years as p
  on p.ccode = s.ccode
 and p.year = s.year
left join int_polity_state_years as lagged
  on lagged.ccode = s.ccode
 and lagged.year = s.year - 1
left join int_gw_state_years as gw
  on gw.ccode = s.ccode
 and gw.year = s.year
left join int_bmr_state_years as bmr
  on bmr.ccode = s.ccode
 and bmr.year = s.year
left join int_democracy_state_years as dem
  on dem.ccode = s.ccode
 and dem.year = s.year
left join stg_nmc as n
  on n.ccode = s.ccode
 and n.year = s.year
left join int_major_power_years as m
  on m.ccode = s.ccode
 and m.year = s.year
left join int_mid_state_years as mid
  on mid.ccode = s.ccode
 and mid.year = s.year
left join int_war_state_years as war
  on war.ccode = s.ccode
 and war.year = s.year
left join int_state_peace_years as peace
  on peace.ccode = s.ccode
 and peace.year = s.year
left join int_community_state_years as community
  on community.ccode = s.ccode
 and community.year = s.year
left join stg_cow_trade_national as trade
  on trade.ccode = s.ccode
 and trade.year = s.year
left join stg_cow_igo_state_years as igo
  on igo.ccode = s.ccode
 and igo.year = s.year
left join stg_sdp_gdp as sdp
  on sdp.ccode = s.ccode
 and sdp.year = s.year
left join stg_fariss_gdppop as gdp
  on gdp.ccode = s.ccode
 and gdp.year = s.year
left join stg_territorial_threat as threat
  on threat.ccode = s.ccode
 and threat.year = s.year
left join leader_years as leader
  on leader.ccode = s.ccode
 and leader.year = s.year
 and leader.at_year_end
left join leaders
  on leaders.ccode = s.ccode
 and leaders.year = s.year
order by s.ccode, s.year
