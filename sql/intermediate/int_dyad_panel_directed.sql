-- Every ordered pair of distinct states that were both COW system members on at least one
-- common day of a year, for every year of the membership data: the frame every directed
-- dyad-year table is built on (true dyad-years). Two states that were both members in a
-- year but never on the same day (one left in March, the other joined in June) are not a
-- dyad that year; such member pairs are listed in the mart member_pairs_without_common_day.
-- Day-level spells come from int_membership_spells (see it for unknown days).
-- Each unordered pair is found once (ccode1 < ccode2) and comes in both orders at the end:
-- sharing a day is symmetric, and the distinct years (a state with two spells in one year
-- can share it twice) are sought over half the rows.
with shared_spells as (
    -- Each pair of spells that share at least one day, with the shared date range.
    select
        a.ccode                                   as ccode1,
        b.ccode                                   as ccode2,
        year(greatest(a.start_date, b.start_date)) as first_year,
        year(least(a.end_date, b.end_date))       as last_year
    from int_membership_spells as a
    join int_membership_spells as b
      on a.ccode < b.ccode
     and greatest(a.start_date, b.start_date) <= least(a.end_date, b.end_date)
),
pair_years as (
    select distinct
        ccode1,
        ccode2,
        cast(unnest(range(first_year, last_year + 1)) as integer) as year
    from shared_spells
)
select ccode1, ccode2, year from pair_years
union all
select ccode2 as ccode1, ccode1 as ccode2, year from pair_years
