-- How much of the data each measure covers: state-years scored by Polity and by BMR,
-- dyad-years (and dyad-years with a dispute onset) with a joint-democracy verdict under
-- each measure and with a distance between capitals, how many of the rows Polity leaves
-- unscored BMR fills, the same counts for the rival explanations' measures (trade, IGOs,
-- GDP, territorial threat, rivalry, militarisation, leaders), then the other democracy
-- measures (V-Dem, the extended UDS, QuickUDS, UDS 2014, V-Dem's liberal democracy
-- index), each measure's previous-year form and the dyad-years within the
-- Gibler-Miller-Little dispute data's years. One row per measure; the build log repeats it.
-- onsets counts dyad-years with mid_onset true (the main model's outcome), so it is NULL
-- for state-years.
with state_counts as (
    select
        count(*)                                                          as state_years,
        count(polity2)                                                    as with_polity,
        count(bmr_democracy)                                              as with_bmr,
        count(*) filter (where polity2 is null)                           as without_polity,
        count(bmr_democracy) filter (where polity2 is null)               as bmr_without_polity,
        count(v2x_polyarchy)                                              as with_polyarchy,
        count(euds)                                                       as with_euds,
        count(xm_qudsest)                                                 as with_quickuds,
        count(uds_mean)                                                   as with_uds_2014,
        count(v2x_libdem)                                                 as with_libdem
    from state_years
),
dyad_counts as (
    select
        count(*)                                                          as dyad_years,
        count(*) filter (where mid_onset)                                 as onsets,
        count(joint_democracy)                                            as with_polity,
        count(joint_democracy) filter (where mid_onset)                   as onsets_with_polity,
        count(joint_democracy_bmr)                                        as with_bmr,
        count(joint_democracy_bmr) filter (where mid_onset)               as onsets_with_bmr,
        count(*) filter (where joint_democracy is null)                   as without_polity,
        count(*) filter (where joint_democracy is null and mid_onset)     as onsets_without_polity,
        count(joint_democracy_bmr) filter (where joint_democracy is null) as bmr_without_polity,
        count(joint_democracy_bmr) filter (where joint_democracy is null and mid_onset)
                                                                          as onsets_bmr_without_polity,
        count(capital_distance_km)                                        as with_distance,
        count(capital_distance_km) filter (where mid_onset)               as onsets_with_distance,
        count(joint_democracy_vdem)                                       as with_vdem,
        count(joint_democracy_vdem) filter (where mid_onset)              as onsets_with_vdem,
        count(joint_democracy_uds)                                        as with_uds,
        count(joint_democracy_uds) filter (where mid_onset)               as onsets_with_uds,
        count(xm_qudsest_low)                                             as with_quickuds,
        count(xm_qudsest_low) filter (where mid_onset)                    as onsets_with_quickuds,
        count(joint_democracy_lag)                                        as with_polity_lag,
        count(joint_democracy_lag) filter (where mid_onset)               as onsets_with_polity_lag,
        count(joint_democracy_bmr_lag)                                    as with_bmr_lag,
        count(joint_democracy_bmr_lag) filter (where mid_onset)           as onsets_with_bmr_lag,
        count(joint_democracy_vdem_lag)                                   as with_vdem_lag,
        count(joint_democracy_vdem_lag) filter (where mid_onset)          as onsets_with_vdem_lag,
        count(joint_democracy_uds_lag)                                    as with_uds_lag,
        count(joint_democracy_uds_lag) filter (where mid_onset)           as onsets_with_uds_lag,
        count(xm_qudsest_lag_low)                                         as with_quickuds_lag,
        count(xm_qudsest_lag_low) filter (where mid_onset)                as onsets_with_quickuds_lag,
        count(gml_onset)                                                  as with_gml,
        count(gml_onset) filter (where mid_onset)                         as onsets_with_gml
    from dyad_years
),
-- The rival explanations' columns: one row per measure, each counted the same way.
covariate_state_totals as (
    select
        count(*)                              as total,
        count(gdp_usd2011_millions)           as gdp,
        count(gdppc)                          as gdppc,
        count(igos_full)                      as igos,
        count(terrthreat)                     as threat,
        count(milper_per_capita)              as militarisation,
        count(leader)                         as leader
    from state_years
),
covariate_state_counts as (
    select position, measure, description, total, covered
    from covariate_state_totals
    cross join lateral (
        values
            (8, 'gdp_usd2011_millions',
             'State-years with a GDP (Anders et al.), the denominator of trade dependence', gdp),
            (9, 'gdppc', 'State-years with a GDP per capita (Fariss et al. 2022)', gdppc),
            (10, 'igos_full', 'State-years with a count of full IGO memberships (COW IGO 3.0)', igos),
            (11, 'terrthreat', 'State-years with a territorial threat estimate (Miller 2022)', threat),
            (12, 'milper_per_capita', 'State-years with military personnel per head (NMC milper / tpop)',
             militarisation),
            (13, 'leader',
             'State-years with a leader (Archigos 4.1 through the Gleditsch-Ward crosswalk)', leader)
    ) as measures (position, measure, description, covered)  -- noqa: AL05
),
covariate_dyad_counts as (
    select
        count(*)                                                          as dyad_years,
        count(*) filter (where mid_onset)                                 as onsets,
        count(trade_dependence_low)                                       as trade,
        count(trade_dependence_low) filter (where mid_onset)              as onsets_trade,
        count(shared_igos)                                                as igos,
        count(shared_igos) filter (where mid_onset)                       as onsets_igos,
        count(gdppc_low)                                                  as gdppc,
        count(gdppc_low) filter (where mid_onset)                         as onsets_gdppc,
        count(terrthreat_high)                                            as threat,
        count(terrthreat_high) filter (where mid_onset)                   as onsets_threat,
        count(td_rivalry)                                                 as td,
        count(td_rivalry) filter (where mid_onset)                        as onsets_td,
        count(tss_rivalry)                                                as tss,
        count(tss_rivalry) filter (where mid_onset)                       as onsets_tss,
        count(milper_per_capita_low)                                      as militarisation,
        count(milper_per_capita_low) filter (where mid_onset)             as onsets_militarisation
    from dyad_years
),
covariate_dyad_rows as (
    select
        position,
        measure,
        description,
        dyad_years                            as total,
        covered,
        onsets,
        onsets_covered
    from covariate_dyad_counts
    cross join lateral (
        values
            (
                14,
                'trade_dependence_low',
                'Dyad-years with the lower trade dependence (COW Trade 4.0 flows over GDP)',
             trade, onsets_trade),
            (15, 'shared_igos', 'Dyad-years with a count of shared full IGO memberships (COW IGO 3.0)',
             igos, onsets_igos),
            (16, 'gdppc_low', 'Dyad-years with the weak-link GDP per capita (Fariss et al. 2022)',
             gdppc, onsets_gdppc),
            (17, 'terrthreat_high', 'Dyad-years with the higher territorial threat (Miller 2022)',
             threat, onsets_threat),
            (18, 'td_rivalry', 'Dyad-years with a Thompson-Dreyer rivalry verdict (to 2010)',
             td, onsets_td),
            (19, 'tss_rivalry', 'Dyad-years with a Thompson-Sakuwa-Suhas rivalry verdict (to 2020)',
             tss, onsets_tss),
            (20, 'milper_per_capita_low', 'Dyad-years with the lower military personnel per head (NMC)',
             militarisation, onsets_militarisation)
    ) as measures (position, measure, description, covered, onsets_covered)  -- noqa: AL05
)
select
    measure,
    unit,
    description,
    cast(total as bigint)                     as total,
    cast(covered as bigint)                   as covered,
    cast(onsets as bigint)                    as onsets,
    cast(onsets_covered as bigint)            as onsets_covered
from (
    select
        1 as position,
        'polity2' as measure,
        'state-years' as unit,
        'State-years with a Polity5 polity2 score' as description,
        state_years as total,
        with_polity as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        2 as position,
        'bmr_democracy' as measure,
        'state-years' as unit,
        'State-years with a BMR democracy score' as description,
        state_years as total,
        with_bmr as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        3 as position,
        'bmr_democracy where polity2 is null' as measure,
        'state-years' as unit,
        'State-years without a polity2 score (total) that BMR scores (covered)' as description,
        without_polity as total,
        bmr_without_polity as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        4 as position,
        'joint_democracy' as measure,
        'dyad-years' as unit,
        'Dyad-years with a Polity joint-democracy verdict (both polity2 known)' as description,
        dyad_years as total,
        with_polity as covered,
        onsets as onsets,
        onsets_with_polity as onsets_covered
    from dyad_counts
    union all
    select
        5 as position,
        'joint_democracy_bmr' as measure,
        'dyad-years' as unit,
        'Dyad-years with a BMR joint-democracy verdict (both scored)' as description,
        dyad_years as total,
        with_bmr as covered,
        onsets as onsets,
        onsets_with_bmr as onsets_covered
    from dyad_counts
    union all
    select
        6 as position,
        'joint_democracy_bmr where joint_democracy is null' as measure,
        'dyad-years' as unit,
        'Dyad-years without a Polity verdict (total) that have a BMR verdict (covered)' as description,
        without_polity as total,
        bmr_without_polity as covered,
        onsets_without_polity as onsets,
        onsets_bmr_without_polity as onsets_covered
    from dyad_counts
    union all
    select
        7 as position,
        'capital_distance_km' as measure,
        'dyad-years' as unit,
        'Dyad-years with a distance between capitals' as description,
        dyad_years as total,
        with_distance as covered,
        onsets as onsets,
        onsets_with_distance as onsets_covered
    from dyad_counts
    union all
    select
        position,
        measure,
        'state-years' as unit,
        description,
        total,
        covered,
        null as onsets,
        null as onsets_covered
    from covariate_state_counts
    union all
    select
        position,
        measure,
        'dyad-years' as unit,
        description,
        total,
        covered,
        onsets,
        onsets_covered
    from covariate_dyad_rows
    union all
    select
        21 as position,
        'v2x_polyarchy' as measure,
        'state-years' as unit,
        'State-years with a V-Dem v16 polyarchy score' as description,
        state_years as total,
        with_polyarchy as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        22 as position,
        'euds' as measure,
        'state-years' as unit,
        'State-years with an extended UDS score (euds and aeuds)' as description,
        state_years as total,
        with_euds as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        23 as position,
        'xm_qudsest' as measure,
        'state-years' as unit,
        'State-years with a QuickUDS score' as description,
        state_years as total,
        with_quickuds as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        24 as position,
        'uds_mean' as measure,
        'state-years' as unit,
        'State-years with a UDS 2014 release score (1946-2012)' as description,
        state_years as total,
        with_uds_2014 as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        25 as position,
        'v2x_libdem' as measure,
        'state-years' as unit,
        'State-years with a V-Dem v15 liberal democracy score' as description,
        state_years as total,
        with_libdem as covered,
        null as onsets,
        null as onsets_covered
    from state_counts
    union all
    select
        26 as position,
        'joint_democracy_vdem' as measure,
        'dyad-years' as unit,
        'Dyad-years with a V-Dem joint-democracy verdict (both polyarchy scores known)' as description,
        dyad_years as total,
        with_vdem as covered,
        onsets as onsets,
        onsets_with_vdem as onsets_covered
    from dyad_counts
    union all
    select
        27 as position,
        'joint_democracy_uds' as measure,
        'dyad-years' as unit,
        'Dyad-years with an extended-UDS joint-democracy verdict (both aeuds known)' as description,
        dyad_years as total,
        with_uds as covered,
        onsets as onsets,
        onsets_with_uds as onsets_covered
    from dyad_counts
    union all
    select
        28 as position,
        'xm_qudsest_low' as measure,
        'dyad-years' as unit,
        'Dyad-years with a QuickUDS weak link (both scores known)' as description,
        dyad_years as total,
        with_quickuds as covered,
        onsets as onsets,
        onsets_with_quickuds as onsets_covered
    from dyad_counts
    union all
    select
        29 as position,
        'joint_democracy_lag' as measure,
        'dyad-years' as unit,
        'Dyad-years with a Polity verdict from the year before (both polity2 known then)' as description,
        dyad_years as total,
        with_polity_lag as covered,
        onsets as onsets,
        onsets_with_polity_lag as onsets_covered
    from dyad_counts
    union all
    select
        30 as position,
        'joint_democracy_bmr_lag' as measure,
        'dyad-years' as unit,
        'Dyad-years with a BMR verdict from the year before' as description,
        dyad_years as total,
        with_bmr_lag as covered,
        onsets as onsets,
        onsets_with_bmr_lag as onsets_covered
    from dyad_counts
    union all
    select
        31 as position,
        'joint_democracy_vdem_lag' as measure,
        'dyad-years' as unit,
        'Dyad-years with a V-Dem verdict from the year before' as description,
        dyad_years as total,
        with_vdem_lag as covered,
        onsets as onsets,
        onsets_with_vdem_lag as onsets_covered
    from dyad_counts
    union all
    select
        32 as position,
        'joint_democracy_uds_lag' as measure,
        'dyad-years' as unit,
        'Dyad-years with an extended-UDS verdict from the year before' as description,
        dyad_years as total,
        with_uds_lag as covered,
        onsets as onsets,
        onsets_with_uds_lag as onsets_covered
    from dyad_counts
    union all
    select
        33 as position,
        'xm_qudsest_lag_low' as measure,
        'dyad-years' as unit,
        'Dyad-years with a QuickUDS weak link from the year before' as description,
        dyad_years as total,
        with_quickuds_lag as covered,
        onsets as onsets,
        onsets_with_quickuds_lag as onsets_covered
    from dyad_counts
    union all
    select
        34 as position,
        'gml_onset' as measure,
        'dyad-years' as unit,
        'Dyad-years within the years of the GML dispute data (1816-2010); onsets of MID 5.0'
            as description,
        dyad_years as total,
        with_gml as covered,
        onsets as onsets,
        onsets_with_gml as onsets_covered
    from dyad_counts
)
order by position
