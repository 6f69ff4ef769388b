-- Peace years for every directed dyad-year of the panel (Beck, Katz and Tucker 1998,
-- Stata btscs convention): the number of years since the pair's last dispute onset, or
-- since its first year in the panel when it has had none; with its square and cube as
-- the smooth duration terms of the logit.
-- peace_years = year - max(first panel year, last onset before this year + 1): 0 in the
-- first year and in the year after an onset, while the onset year itself keeps counting.
-- Counts calendar years: years when one state dropped out of the system (occupation) are
-- counted as peaceful time, and an onset in such a year still resets the count.
with onsets as (
    select ccode1, ccode2, year
    from int_dispute_dyad_years_directed
    where mid_onset
),
events as (
    -- Onsets outside the panel years (a state not a member that year) are carried through
    -- the window too, then dropped.
    select ccode1, ccode2, cast(year as integer) as year, true as in_panel, false as is_onset
    from int_dyad_panel_directed
    union all
    select ccode1, ccode2, year, false as in_panel, true as is_onset
    from onsets
),
clocked as (
    select
        ccode1,
        ccode2,
        year,
        in_panel,
        min(case when in_panel then year end)
            over (partition by ccode1, ccode2) as first_year,
        max(case when is_onset then year end)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and 1 preceding) as last_onset_before
    from events
),
counted as (
    select
        ccode1,
        ccode2,
        year,
        year - greatest(first_year, coalesce(last_onset_before + 1, first_year)) as peace_years
    from clocked
    where in_panel
)
select
    ccode1,
    ccode2,
    year,
    cast(peace_years as integer)                 as peace_years,
    cast(peace_years * peace_years as integer)   as peace_years_sq,
    cast(peace_years * peace_years * peace_years as integer) as peace_years_cu
from counted
