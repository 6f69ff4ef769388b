-- Peace years by the Gibler-Miller-Little dispute record, for every directed dyad-year of
-- the panel: the count int_peace_years gives MID 5.0 as peace_years (years the dyad existed
-- since its last dispute ENDED, 0 inside an ongoing dispute and in the pair's first year;
-- years when one state was out of the system do not count), with GML's disputes
-- (int_gml_dyad_years_directed) in place of MID's, so that a model of GML onsets controls
-- for time since the disputes it counts. Square and cube for the smooth duration terms.
-- The marts leave it NULL outside GML's years (1816-2010).
with events as (
    select ccode1, ccode2, cast(year as integer) as year, true as in_panel
    from int_dyad_panel_directed
    union all
    -- A dispute year outside the panel (one state not a member) still ends a peace.
    select ccode1, ccode2, year, false as in_panel
    from int_gml_dyad_years_directed
),
panel_clock as (
    select
        *,
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
        -- panel_years_through only grows with the year, so its largest value among the
        -- earlier dispute years is its value at the last one.
        max(case when not in_panel then panel_years_through end)
            over (partition by ccode1, ccode2 order by year
                  range between unbounded preceding and 1 preceding) as panel_years_through_last_dispute
    from panel_clock
),
counted as (
    select
        ccode1,
        ccode2,
        year,
        panel_years_before - coalesce(panel_years_through_last_dispute, 0) as gml_peace_years
    from clocked
    where in_panel
)
select
    ccode1,
    ccode2,
    year,
    cast(gml_peace_years as integer)                                     as gml_peace_years,
    cast(gml_peace_years * gml_peace_years as integer)                   as gml_peace_years_sq,
    cast(gml_peace_years * gml_peace_years * gml_peace_years as integer) as gml_peace_years_cu
from counted
