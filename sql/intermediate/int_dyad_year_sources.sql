-- One row per unordered pair of distinct COW member states per year (ccode1 < ccode2)
-- that were both members on at least one common day of the year (the panel
-- int_dyad_panel_directed, through int_peace_years, which has one row for each of its
-- pairs), 1816 to the end of the membership data, with the values of every source joined
-- to it: the stored rows behind the view int_dyad_years, and through it both dyad-year
-- marts. The measures that follow from a row's own stored columns (weak links, regime
-- pairs, capability ratios, contiguity flags, logs) are left to int_dyad_years, which
-- computes them as it is read: written here, they cost the build more than they cost a
-- reader. sql/schema.yml describes every column (int_dyad_years, dyad_years_directed).
-- Dispute columns cover the years of the MID data (to its last dispute's end year); in a
-- covered year without a dispute they are false or 0 (hostlev_max, onset_hostlev_max
-- NULL), and after the coverage ends they are all NULL, since no dispute is known there.
-- Polity, BMR, capability, contiguity and distance columns are NULL where their source has
-- no value (the dyad-years without a distance are listed in capital_distance_unmatched).
-- War columns (COW Inter-State War 4.0) follow the dispute rule up to war_data_last_year;
-- war_number, war_name and war_battle_deaths are NULL in a year without a war.
-- Alliance columns (ATOP 5.1, int_atop_dyad_years) are false for a pair not allied that
-- year and NULL outside ATOP's years (atop_first_year to atop_last_year in analysis_settings).
-- Rival explanations: trade flows and each state's dependence on the other (COW Trade 4.0,
-- NULL where the pair-year is not in the flows file), shared full IGO memberships (COW IGO
-- 3.0), GDP per capita, territorial threat and military personnel per head of each state,
-- and strategic rivalry on each list (false in the years a list covers, up to its last
-- year, NULL after).
-- The gml_* columns are the Gibler-Miller-Little dispute record (int_gml_dyad_years_directed),
-- in the form of MID's columns, for GML's years (gml_first_year to gml_last_year), NULL
-- outside them.
with settings as (
    select
        max(case when setting = 'joint_democracy_threshold' then cast(value as integer) end)
                                                                          as joint_democracy_threshold,
        max(case when setting = 'polyarchy_democracy_threshold' then cast(value as double) end)
                                                                          as polyarchy_threshold,
        max(case when setting = 'uds_democracy_threshold' then cast(value as double) end)
                                                                          as uds_threshold
    from analysis_settings
),
gml_coverage as (
    select
        max(case when setting = 'gml_first_year' then cast(value as integer) end) as first_year,
        max(case when setting = 'gml_last_year' then cast(value as integer) end)  as last_year
    from analysis_settings
),
atop_coverage as (
    select
        max(case when setting = 'atop_first_year' then cast(value as integer) end) as first_year,
        max(case when setting = 'atop_last_year' then cast(value as integer) end)  as last_year
    from analysis_settings
),
mid_coverage as (
    select max(end_year) as last_year
    from stg_mid_disputes
),
war_coverage as (
    select cast(value as integer) as last_year
    from analysis_settings
    where setting = 'war_data_last_year'
),
rivalry_coverage as (
    select
        (select max(last_year) from stg_td_rivalries)  as td_last_year,
        (select max(last_year) from stg_tss_rivalries) as tss_last_year
),
-- The flows file holds both orders of a pair (ccode1's flow is ccode2's in the other);
-- the ccode1 < ccode2 rows are the ones the dyad-years take.
trade_flows as (
    select ccode1, ccode2, year, flow1, flow2
    from stg_cow_trade_flows
    where ccode1 < ccode2
),
dyads as (
    select
        panel.ccode1,
        panel.ccode2,
        panel.year,
        panel.year <= mid_coverage.last_year  as mid_covered,
        d.ccode1 is not null                  as has_dispute,
        d.mid_ongoing,
        d.mid_onset,
        d.mid_onset_count,
        d.mid_ongoing_count,
        d.hostlev_max,
        d.onset_hostlev_max,
        d.force_onset,
        d.fatal_onset,
        d.orig1,
        d.orig2,
        d.sidea1,
        reverse_d.sidea1                      as sidea2,
        d.originator_onset,
        d.ccode1_initiated,
        reverse_d.ccode1_initiated            as ccode2_initiated,
        d.year_hostlev_max,
        d.year_fatal,
        panel.year between gml_coverage.first_year and gml_coverage.last_year as gml_covered,
        gml.gml_ongoing,
        gml.gml_onset,
        gml.gml_onset_count,
        gml.gml_ongoing_count,
        gml.gml_hostlev_max,
        gml.gml_onset_hostlev_max,
        gml.gml_force_onset,
        gml.gml_fatal_onset,
        gml.gml_orig1,
        gml.gml_orig2,
        gml.gml_originator_onset,
        panel.year <= war_coverage.last_year  as war_covered,
        war.war_onset,
        war.war_number,
        war.war_name,
        war.war_battle_deaths,
        war.nominal_war_onset,
        war.nominal_war_number,
        panel.peace_years,
        panel.peace_years_sq,
        panel.peace_years_cu,
        panel.peace_years_since_onset,
        panel.peace_years_calendar,
        panel.gml_peace_years,
        panel.gml_peace_years_sq,
        panel.gml_peace_years_cu,
        s1.polity2                            as polity2_1,
        s2.polity2                            as polity2_2,
        s1.bmr_democracy                      as bmr_democracy_1,
        s2.bmr_democracy                      as bmr_democracy_2,
        s1.v2x_polyarchy                      as v2x_polyarchy_1,
        s2.v2x_polyarchy                      as v2x_polyarchy_2,
        s1.euds                               as euds_1,
        s2.euds                               as euds_2,
        s1.aeuds                              as aeuds_1,
        s2.aeuds                              as aeuds_2,
        s1.xm_qudsest                         as xm_qudsest_1,
        s2.xm_qudsest                         as xm_qudsest_2,
        s1.polity2_lag                        as polity2_lag_1,
        s2.polity2_lag                        as polity2_lag_2,
        s1.bmr_democracy_lag                  as bmr_democracy_lag_1,
        s2.bmr_democracy_lag                  as bmr_democracy_lag_2,
        s1.v2x_polyarchy_lag                  as v2x_polyarchy_lag_1,
        s2.v2x_polyarchy_lag                  as v2x_polyarchy_lag_2,
        s1.euds_lag                           as euds_lag_1,
        s2.euds_lag                           as euds_lag_2,
        s1.aeuds_lag                          as aeuds_lag_1,
        s2.aeuds_lag                          as aeuds_lag_2,
        s1.xm_qudsest_lag                     as xm_qudsest_lag_1,
        s2.xm_qudsest_lag                     as xm_qudsest_lag_2,
        s1.cinc                               as cinc_1,
        s2.cinc                               as cinc_2,
        cont.conttype,
        distance.kmdist                       as capital_distance_km,
        s1.major_power                        as major_power_1,
        s2.major_power                        as major_power_2,
        panel.year between atop_coverage.first_year and atop_coverage.last_year as atop_covered,
        ally.ccode1 is not null               as allied,
        ally.defense_pact,
        ally.offense_pact,
        ally.neutrality_pact,
        ally.nonaggression_pact,
        ally.consultation_pact,
        coalesce(community.joint_ec_eu, false) as joint_ec_eu,
        coalesce(community.joint_nato, false) as joint_nato,
        trade.flow1                           as trade_flow_1,
        trade.flow2                           as trade_flow_2,
        s1.gdp_usd2011_millions               as gdp_1,
        s2.gdp_usd2011_millions               as gdp_2,
        igo.shared_igos,
        s1.gdppc                              as gdppc_1,
        s2.gdppc                              as gdppc_2,
        s1.terrthreat                         as terrthreat_1,
        s2.terrthreat                         as terrthreat_2,
        s1.milper_per_capita                  as milper_per_capita_1,
        s2.milper_per_capita                  as milper_per_capita_2,
        case when panel.year <= rivalry_coverage.td_last_year
             then coalesce(rivalry.td_rivalry, false) end  as td_rivalry,
        case when panel.year <= rivalry_coverage.tss_last_year
             then coalesce(rivalry.tss_rivalry, false) end as tss_rivalry
    -- The peace years' rows are the panel's unordered dyad-years, one each: the frame.
    from int_peace_years as panel
    cross join mid_coverage
    cross join rivalry_coverage
    cross join war_coverage
    cross join atop_coverage
    cross join gml_coverage
    -- Each state's year by one key, ccode * 10000 + year: joined on the columns, the two
    -- joins share panel.year, and DuckDB first pairs every two states of each year (twice
    -- the panel's rows, with all their columns, held in memory) before matching the panel.
    join state_years as s1
      on s1.ccode * 10000 + s1.year = panel.ccode1 * 10000 + panel.year
    join state_years as s2
      on s2.ccode * 10000 + s2.year = panel.ccode2 * 10000 + panel.year
    left join int_dispute_dyad_years_directed as d
      on d.ccode1 = panel.ccode1
     and d.ccode2 = panel.ccode2
     and d.year = panel.year
    -- The same pair's disputes in the other order: its side and initiation columns are
    -- the mirror image's (dyad_years_directed).
    left join int_dispute_dyad_years_directed as reverse_d
      on reverse_d.ccode1 = panel.ccode2
     and reverse_d.ccode2 = panel.ccode1
     and reverse_d.year = panel.year
    left join int_gml_dyad_years_directed as gml
      on gml.ccode1 = panel.ccode1
     and gml.ccode2 = panel.ccode2
     and gml.year = panel.year
    left join int_war_dyad_years_directed as war
      on war.ccode1 = panel.ccode1
     and war.ccode2 = panel.ccode2
     and war.year = panel.year
    -- Distances by the numbers capdist knows the two states by that year: joins on small
    -- tables (state-years, capdist's pairs), not on a table as long as the panel.
    left join int_gw_state_years as g1
      on g1.ccode = panel.ccode1
     and g1.year = panel.year
    left join int_gw_state_years as g2
      on g2.ccode = panel.ccode2
     and g2.year = panel.year
    left join int_capital_distances as distance
      on distance.numa = g1.capdist_code
     and distance.numb = g2.capdist_code
    left join int_contiguity_dyad_years as cont
      on cont.ccode1 = panel.ccode1
     and cont.ccode2 = panel.ccode2
     and cont.year = panel.year
    left join int_atop_dyad_years as ally
      on ally.ccode1 = panel.ccode1
     and ally.ccode2 = panel.ccode2
     and ally.year = panel.year
    left join int_community_dyad_years as community
      on community.ccode1 = panel.ccode1
     and community.ccode2 = panel.ccode2
     and community.year = panel.year
    left join trade_flows as trade
      on trade.ccode1 = panel.ccode1
     and trade.ccode2 = panel.ccode2
     and trade.year = panel.year
    left join stg_cow_igo_dyad_years as igo
      on igo.ccode1 = panel.ccode1
     and igo.ccode2 = panel.ccode2
     and igo.year = panel.year
    left join int_rivalry_dyad_years as rivalry
      on rivalry.ccode1 = panel.ccode1
     and rivalry.ccode2 = panel.ccode2
     and rivalry.year = panel.year
)
select
    ccode1,
    ccode2,
    year,
    case when mid_covered then coalesce(mid_ongoing, false) end       as mid_ongoing,
    case when mid_covered then coalesce(mid_onset, false) end         as mid_onset,
    case when mid_covered then coalesce(mid_onset_count, 0) end       as mid_onset_count,
    case when mid_covered then coalesce(mid_ongoing_count, 0) end     as mid_ongoing_count,
    case when mid_covered then hostlev_max end                        as hostlev_max,
    case when mid_covered then onset_hostlev_max end                  as onset_hostlev_max,
    case when mid_covered then coalesce(force_onset, false) end       as force_onset,
    -- The dispute model leaves fatal_onset NULL when an onset's fatalities are unknown;
    -- only a year without any dispute is known to have no fatal onset.
    case when mid_covered then (case when has_dispute then fatal_onset else false end) end as fatal_onset,
    case when mid_covered then coalesce(orig1, false) end             as orig1,
    case when mid_covered then coalesce(orig2, false) end             as orig2,
    case when mid_covered then coalesce(sidea1, false) end            as sidea1,
    case when mid_covered then coalesce(sidea2, false) end            as sidea2,
    case when mid_covered then coalesce(originator_onset, false) end  as originator_onset,
    case when mid_covered then coalesce(ccode1_initiated, false) end  as ccode1_initiated,
    case when mid_covered then coalesce(ccode2_initiated, false) end  as ccode2_initiated,
    case when mid_covered then year_hostlev_max end                   as year_hostlev_max,
    -- As fatal_onset: only a year without any dispute is known to have had no deaths.
    case when mid_covered then (case when has_dispute then year_fatal else false end) end as year_fatal,
    -- The Gibler-Miller-Little record, in the same form as MID's, for GML's years.
    case when gml_covered then coalesce(gml_ongoing, false) end       as gml_ongoing,
    case when gml_covered then coalesce(gml_onset, false) end         as gml_onset,
    case when gml_covered then coalesce(gml_onset_count, 0) end       as gml_onset_count,
    case when gml_covered then coalesce(gml_ongoing_count, 0) end     as gml_ongoing_count,
    case when gml_covered then gml_hostlev_max end                    as gml_hostlev_max,
    case when gml_covered then gml_onset_hostlev_max end              as gml_onset_hostlev_max,
    case when gml_covered then coalesce(gml_force_onset, false) end   as gml_force_onset,
    case when gml_covered then (case when gml_ongoing then gml_fatal_onset else false end) end
                                                                      as gml_fatal_onset,
    case when gml_covered then coalesce(gml_orig1, false) end         as gml_orig1,
    case when gml_covered then coalesce(gml_orig2, false) end         as gml_orig2,
    case when gml_covered then coalesce(gml_originator_onset, false) end as gml_originator_onset,
    case when war_covered then coalesce(war_onset, false) end         as war_onset,
    case when war_covered then war_number is not null end             as war_ongoing,
    war_number,
    war_name,
    war_battle_deaths,
    case when war_covered then coalesce(nominal_war_onset, false) end as nominal_war_onset,
    nominal_war_number,
    peace_years,
    peace_years_sq,
    peace_years_cu,
    peace_years_since_onset,
    peace_years_calendar,
    case when gml_covered then gml_peace_years end                    as gml_peace_years,
    case when gml_covered then gml_peace_years_sq end                 as gml_peace_years_sq,
    case when gml_covered then gml_peace_years_cu end                 as gml_peace_years_cu,
    polity2_1,
    polity2_2,
    bmr_democracy_1,
    bmr_democracy_2,
    v2x_polyarchy_1,
    v2x_polyarchy_2,
    euds_1,
    euds_2,
    aeuds_1,
    aeuds_2,
    xm_qudsest_1,
    xm_qudsest_2,
    -- The weak links and verdicts of each state's score of the year before (NULL in a
    -- state's first year of a membership spell: see int_democracy_state_years), in the
    -- forms int_dyad_years gives the year's own scores; made here, where the lagged scores
    -- are at hand (the table keeps only the pair's). DuckDB's least() skips NULLs, and
    -- SQL's AND is false when one side is false and the other NULL: a pair with one state
    -- unscored has no weak link and no verdict.
    case when polity2_lag_1 is not null and polity2_lag_2 is not null
         then least(polity2_lag_1, polity2_lag_2) end                 as polity2_lag_low,
    case when polity2_lag_1 is not null and polity2_lag_2 is not null
         then least(polity2_lag_1, polity2_lag_2) >= (select joint_democracy_threshold from settings)
    end                                                               as joint_democracy_lag,
    case when bmr_democracy_lag_1 is not null and bmr_democracy_lag_2 is not null
         then bmr_democracy_lag_1 and bmr_democracy_lag_2 end         as joint_democracy_bmr_lag,
    case when v2x_polyarchy_lag_1 is not null and v2x_polyarchy_lag_2 is not null
         then least(v2x_polyarchy_lag_1, v2x_polyarchy_lag_2) end     as v2x_polyarchy_lag_low,
    case when v2x_polyarchy_lag_1 is not null and v2x_polyarchy_lag_2 is not null
         then least(v2x_polyarchy_lag_1, v2x_polyarchy_lag_2) >= (select polyarchy_threshold from settings)
    end                                                               as joint_democracy_vdem_lag,
    case when euds_lag_1 is not null and euds_lag_2 is not null
         then least(euds_lag_1, euds_lag_2) end                       as euds_lag_low,
    case when aeuds_lag_1 is not null and aeuds_lag_2 is not null
         then least(aeuds_lag_1, aeuds_lag_2) > (select uds_threshold from settings)
    end                                                               as joint_democracy_uds_lag,
    case when xm_qudsest_lag_1 is not null and xm_qudsest_lag_2 is not null
         then least(xm_qudsest_lag_1, xm_qudsest_lag_2) end           as xm_qudsest_lag_low,
    cinc_1,
    cinc_2,
    conttype,
    capital_distance_km,
    major_power_1,
    major_power_2,
    case when atop_covered then allied end                            as alliance,
    case when atop_covered then coalesce(defense_pact, false) end     as defense_pact,
    case when atop_covered then coalesce(offense_pact, false) end     as offense_pact,
    case when atop_covered then coalesce(neutrality_pact, false) end  as neutrality_pact,
    case when atop_covered then coalesce(nonaggression_pact, false) end as nonaggression_pact,
    case when atop_covered then coalesce(consultation_pact, false) end as consultation_pact,
    joint_ec_eu,
    joint_nato,
    trade_flow_1,
    trade_flow_2,
    -- Oneal and Russett's dependence: the pair's trade over each state's GDP. Trade is in
    -- current dollars, GDP in constant 2011 dollars, so a year's ratios share one price
    -- factor (smaller in earlier years); compare them within a year.
    (trade_flow_1 + trade_flow_2) / gdp_1                             as trade_dependence_1,
    (trade_flow_1 + trade_flow_2) / gdp_2                             as trade_dependence_2,
    -- least() and greatest() skip NULLs: a weak link needs both states' values.
    case when gdp_1 is not null and gdp_2 is not null
         then (trade_flow_1 + trade_flow_2) / greatest(gdp_1, gdp_2) end as trade_dependence_low,
    shared_igos,
    gdppc_1,
    gdppc_2,
    terrthreat_1,
    terrthreat_2,
    td_rivalry,
    tss_rivalry,
    milper_per_capita_1,
    milper_per_capita_2
from dyads
