-- Alliance dyad-years from ATOP's member file, one row per unordered pair of COW states
-- (ccode1 < ccode2) and year in which the two were members of the same alliance on at
-- least one common day, the way ATOP builds its own dyad files. All phases of an alliance
-- count as one alliance: two members are allied while any membership row of one overlaps
-- any row of the other. Days are inclusive (see int_atop_memberships), so a partner who
-- leaves on the day the other joins shares that one day with it, and the two are allied
-- in that year. An obligation holds for the pair in a year if either member had it in an
-- alliance they shared that year (int_atop_member_years: the member's obligations in that
-- alliance and year, ATOP's member-level flags): an asymmetric pact, in which only one
-- side promises defence, still ties the pair.
with shared_spells as (
    select
        a.atopid,
        a.ccode                                   as ccode1,
        b.ccode                                   as ccode2,
        greatest(a.entry_date, b.entry_date)      as first_day,
        least(a.last_date, b.last_date)           as last_day
    from int_atop_memberships as a
    join int_atop_memberships as b
      on b.atopid = a.atopid
     and b.ccode > a.ccode
     and b.entry_date <= a.last_date
     and a.entry_date <= b.last_date
),
shared_years as (
    select distinct
        atopid,
        ccode1,
        ccode2,
        cast(unnest(range(year(first_day), year(last_day) + 1)) as integer) as year
    from shared_spells
)
select
    shared.ccode1,
    shared.ccode2,
    shared.year,
    list(shared.atopid order by shared.atopid)        as atopids,
    bool_or(m1.defense or m2.defense)                 as defense_pact,
    bool_or(m1.offense or m2.offense)                 as offense_pact,
    bool_or(m1.neutral or m2.neutral)                 as neutrality_pact,
    bool_or(m1.nonagg or m2.nonagg)                   as nonaggression_pact,
    bool_or(m1.consul or m2.consul)                   as consultation_pact
from shared_years as shared
join int_atop_member_years as m1
  on m1.atopid = shared.atopid
 and m1.ccode = shared.ccode1
 and m1.year = shared.year
join int_atop_member_years as m2
  on m2.atopid = shared.atopid
 and m2.ccode = shared.ccode2
 and m2.year = shared.year
group by shared.ccode1, shared.ccode2, shared.year
