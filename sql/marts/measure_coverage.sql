-- How much of the data each measure covers: state-years scored by Polity and by BMR,
-- dyad-years (and dyad-years with a dispute onset) with a joint-democracy verdict under
-- each measure and with a distance between capitals, and how many of the rows Polity
-- leaves unscored BMR fills. One row per measure; the build log repeats it.
-- onsets counts dyad-years with mid_onset true (the main model's outcome), so it is NULL
-- for state-years.
with state_counts as (
    select
        count(*)                                                          as state_years,
        count(polity2)                                                    as with_polity,
        count(bmr_democracy)                                              as with_bmr,
        count(*) filter (where polity2 is null)                           as without_polity,
        count(bmr_democracy) filter (where polity2 is null)               as bmr_without_polity
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
        count(capital_distance_km) filter (where mid_onset)               as onsets_with_distance
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
)
order by position
