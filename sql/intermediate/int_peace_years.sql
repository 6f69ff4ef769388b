-- Peace years for every dyad-year of the panel (Beck, Katz and Tucker 1998), in
-- three counts by MID 5.0 and one by the Gibler-Miller-Little record, with the square and
-- cube of the first and of GML's as the smooth duration terms.
-- peace_years: the years the dyad existed (years of the panel: both states members on a
-- common day) since its last dispute ENDED, or since its first year when it has had none:
-- the number of the pair's panel years after the last year in which a dispute between them
-- was ongoing, before this year. Years inside an ongoing dispute are not peace: 0 in every
-- year after one in which a dispute was ongoing (India and Pakistan, in dispute from 1993,
-- have 0 at their 1999 onset), and 0 in the pair's first year. Years when one state was out
-- of the system (occupation) do not count, since the pair could not have fought as two
-- states then.
-- peace_years_since_onset: the count from the last dispute ONSET instead (the panel years
-- after the last onset before this year), which counts the later years of a long dispute
-- as peace: the usual convention, kept as the alternative.
-- peace_years_calendar: the calendar count since the last onset, year - max(first panel
-- year, last onset before this year + 1), which also counts years out of the system as
-- peaceful time (Stata btscs convention).
-- gml_peace_years: peace_years with GML's disputes (int_gml_dyad_years_directed) in place
-- of MID's, so that a model of GML onsets controls for time since the disputes it counts
-- (the marts leave it NULL outside GML's years, 1816-2010).
-- In all four, a dispute year outside the panel (one state not a member) still counts.
-- The counts belong to the pair, not to an order of it: one row per unordered pair and
-- year of the panel (ccode1 < ccode2; a dispute in either order counts for it), which
-- int_dyad_year_sources, and through it both orders of dyad_years_directed, takes them from.
with dispute_events as (
    -- Each row a MID or a GML dispute year of the pair, in either order; each count below
    -- filters on its own kind.
    select
        least(ccode1, ccode2)    as ccode1,
        greatest(ccode1, ccode2) as ccode2,
        year,
        mid_onset                as is_onset,
        true                     as is_ongoing,
        false                    as is_gml_ongoing
    from int_dispute_dyad_years_directed
    union all
    select
        least(ccode1, ccode2)    as ccode1,
        greatest(ccode1, ccode2) as ccode2,
        year,
        false                    as is_onset,
        false                    as is_ongoing,
        true                     as is_gml_ongoing
    from int_gml_dyad_years_directed
),
dispute_years as (
    select
        ccode1,
        ccode2,
        year,
        bool_or(is_onset)       as is_onset,
        bool_or(is_ongoing)     as is_ongoing,
        bool_or(is_gml_ongoing) as is_gml_ongoing
    from dispute_events
    group by ccode1, ccode2, year
),
panel as (
    select
        ccode1,
        ccode2,
        cast(year as integer) as year
    from int_dyad_panel_directed
    where ccode1 < ccode2
),
-- Every panel year and every dispute year of a pair: dispute years outside the panel
-- years are carried through the windows too, then dropped. The few thousand dispute years
-- are matched to the panel's rows by a join, not grouped with them.
pair_years as (
    select
        coalesce(panel.ccode1, d.ccode1)      as ccode1,
        coalesce(panel.ccode2, d.ccode2)      as ccode2,
        coalesce(panel.year, d.year)          as year,
        panel.ccode1 is not null              as in_panel,
        coalesce(d.is_onset, false)           as is_onset,
        coalesce(d.is_ongoing, false)         as is_ongoing,
        coalesce(d.is_gml_ongoing, false)     as is_gml_ongoing
    from panel
    full join dispute_years as d
      on d.ccode1 = panel.ccode1
     and d.ccode2 = panel.ccode2
     and d.year = panel.year
),
panel_clock as (
    select
        *,
        min(case when in_panel then year end)
            over (partition by ccode1, ccode2) as first_year,
        -- The pair's panel years up to and including this year.
        count(*) filter (where in_panel)
            over (partition by ccode1, ccode2 order by year
                  rows between unbounded preceding and current row) as panel_years_through
    from pair_years
),
clocked as (
    select
        *,
        panel_years_through - cast(in_panel as integer) as panel_years_before,
        max(case when is_onset then year end)
            over (partition by ccode1, ccode2 order by year
                  rows between unbounded preceding and 1 preceding) as last_onset_before,
        -- panel_years_through only grows with the year, so its largest value among the
        -- earlier onsets is its value at the last one.
        max(case when is_onset then panel_years_through end)
            over (partition by ccode1, ccode2 order by year
                  rows between unbounded preceding and 1 preceding) as panel_years_through_last_onset,
        max(case when is_ongoing then panel_years_through end)
            over (partition by ccode1, ccode2 order by year
                  rows between unbounded preceding and 1 preceding) as panel_years_through_last_dispute,
        max(case when is_gml_ongoing then panel_years_through end)
            over (partition by ccode1, ccode2 order by year
                  rows between unbounded preceding and 1 preceding) as panel_years_through_last_gml_dispute
    from panel_clock
),
counted as (
    select
        ccode1,
        ccode2,
        year,
        panel_years_before - coalesce(panel_years_through_last_dispute, 0) as peace_years,
        panel_years_before - coalesce(panel_years_through_last_onset, 0) as peace_years_since_onset,
        year - greatest(first_year, coalesce(last_onset_before + 1, first_year)) as peace_years_calendar,
        panel_years_before - coalesce(panel_years_through_last_gml_dispute, 0) as gml_peace_years
    from clocked
    where in_panel
)

select
    ccode1,
    ccode2,
    year,
    cast(peace_years as integer)                 as peace_years,
    cast(peace_years * peace_years as integer)   as peace_years_sq,
    cast(peace_years * peace_years * peace_years as integer) as peace_years_cu,
    cast(peace_years_since_onset as integer)     as peace_years_since_onset,
    cast(peace_years_calendar as integer)        as peace_years_calendar,
    cast(gml_peace_years as integer)             as gml_peace_years,
    cast(gml_peace_years * gml_peace_years as integer) as gml_peace_years_sq,
    cast(gml_peace_years * gml_peace_years * gml_peace_years as integer) as gml_peace_years_cu
from counted
