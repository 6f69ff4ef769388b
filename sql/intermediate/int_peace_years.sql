-- Peace years for every directed dyad-year of the panel (Beck, Katz and Tucker 1998), in
-- three counts, with the square and cube of the first as the smooth duration terms.
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
-- In all three, a dispute year outside the panel (one state not a member) still counts.
with events as (
    -- Dispute years outside the panel years are carried through the window too, then
    -- dropped.
    select
        ccode1,
        ccode2,
        cast(year as integer) as year,
        true                  as in_panel,
        false                 as is_onset,
        false                 as is_ongoing
    from int_dyad_panel_directed
    union all
    select ccode1, ccode2, year, false as in_panel, mid_onset as is_onset, true as is_ongoing
    from int_dispute_dyad_years_directed
),
panel_clock as (
    select
        *,
        min(case when in_panel then year end)
            over (partition by ccode1, ccode2) as first_year,
        -- The pair's panel years before this year, and up to and including it.
        count(*) filter (where in_panel)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and 1 preceding) as panel_years_before,
        count(*) filter (where in_panel)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and current row) as panel_years_through
    from events
),
clocked as (
    select
        *,
        max(case when is_onset then year end)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and 1 preceding) as last_onset_before,
        -- panel_years_through only grows with the year, so its largest value among the
        -- earlier onsets is its value at the last one.
        max(case when is_onset then panel_years_through end)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and 1 preceding) as panel_years_through_last_onset,
        max(case when is_ongoing then panel_years_through end)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and 1 preceding) as panel_years_through_last_dispute
    from panel_clock
),
counted as (
    select
        ccode1,
        ccode2,
        year,
        panel_years_before - coalesce(panel_years_through_last_dispute, 0) as peace_years,
        panel_years_before - coalesce(panel_years_through_last_onset, 0) as peace_years_since_onset,
        year - greatest(first_year, coalesce(last_onset_before + 1, first_year)) as peace_years_calendar
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
    cast(peace_years_calendar as integer)        as peace_years_calendar
from counted
