-- How much of the data each measure covers: state-years scored by Polity and by BMR,
-- dyad-years (and dyad-years with a dispute onset) with a joint-democracy verdict under
-- each measure and with a distance between capitals, and how many of the rows Polity
-- leaves unscored BMR fills; then the other democracy measures (V-Dem, the extended UDS,
-- QuickUDS, UDS 2014, V-Dem's liberal democracy index), each measure's previous-year form
-- and the dyad-years within the Gibler-Miller-Little dispute data's years. One row per
-- measure; the build log repeats it.
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
        8 as position,
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
        9 as position,
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
        10 as position,
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
        11 as position,
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
        12 as position,
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
        13 as position,
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
        14 as position,
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
        15 as position,
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
        16 as position,
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
        17 as position,
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
        18 as position,
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
        19 as position,
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
        20 as position,
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
        21 as position,
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
