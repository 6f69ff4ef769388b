-- Every unordered pair of COW member states (ccode1 < ccode2) that were both members in a
-- year but never on the same day of it, so that they are no dyad that year (the true
-- dyad-year rule; see int_dyad_panel_directed). Worked out apart from the panel: a state
-- that was a member all year shares a day with every other member, so only two states
-- that were both members for part of the year can miss each other. The build checks that
-- each year's members pairs are the dyad-years plus these (dyad_year_counts).
with member_days as (
    -- Each state's membership days within each year its spells touch, clipped to the year.
    select
        ccode,
        cast(year as integer)                                        as year,
        greatest(start_date, make_date(cast(year as integer), 1, 1))   as first_day,
        least(end_date, make_date(cast(year as integer), 12, 31))      as last_day
    from (
        select *, unnest(range(start_year, end_year + 1)) as year
        from int_membership_spells
    )
),
part_year as (
    -- State-years not covered from 1 January to 31 December (a spell began or ended).
    select ccode, year
    from member_days
    group by ccode, year
    having sum(date_diff('day', first_day, last_day) + 1)
         < date_diff('day', make_date(year, 1, 1), make_date(year, 12, 31)) + 1
),
part_year_pairs as (
    select a.ccode as ccode1, b.ccode as ccode2, a.year
    from part_year as a
    join part_year as b
      on a.year = b.year
     and a.ccode < b.ccode
),
shared as (
    select
        pairs.ccode1,
        pairs.ccode2,
        pairs.year,
        bool_or(greatest(d1.first_day, d2.first_day) <= least(d1.last_day, d2.last_day)) as share_a_day,
        string_agg(
            distinct strftime(d1.first_day, '%Y-%m-%d') || ' to ' || strftime(d1.last_day, '%Y-%m-%d'), '; '
            order by strftime(d1.first_day, '%Y-%m-%d') || ' to ' || strftime(d1.last_day, '%Y-%m-%d')
        )
            as member_days_1,
        string_agg(
            distinct strftime(d2.first_day, '%Y-%m-%d') || ' to ' || strftime(d2.last_day, '%Y-%m-%d'), '; '
            order by strftime(d2.first_day, '%Y-%m-%d') || ' to ' || strftime(d2.last_day, '%Y-%m-%d')
        )
            as member_days_2
    from part_year_pairs as pairs
    join member_days as d1 on d1.ccode = pairs.ccode1 and d1.year = pairs.year
    join member_days as d2 on d2.ccode = pairs.ccode2 and d2.year = pairs.year
    group by pairs.ccode1, pairs.ccode2, pairs.year
)
select ccode1, ccode2, year, member_days_1, member_days_2
from shared
where not share_a_day
order by year, ccode1, ccode2
