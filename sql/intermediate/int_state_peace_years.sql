-- Peace years and opportunity for every state-year of membership, the monadic models'
-- counterparts of the dyadic controls.
-- peace_years: the state's member years since the last year in which it took part in a
-- militarized dispute (MID 5.0, any opponent), counting from its first member year when it
-- has had none: 0 in every year after one with a dispute going on (years inside a dispute
-- are not peace, as for dyads). war_peace_years: the same since the last year it was at
-- war (COW Inter-State War 4.0). Years out of the system do not count, but a dispute or war
-- in such a year still resets the count.
-- neighbours: the number of states directly contiguous with it that year (COW direct
-- contiguity types 1-4: a land border or at most 150 miles of water), its opportunity to
-- fight, beside major-power status (state_years.major_power), its reach.
with dispute_years as (
    select distinct
        ccode,
        cast(unnest(range(start_year, end_year + 1)) as integer) as year
    from stg_mid_participants
),
events as (
    select ccode, year, true as in_system, false as in_dispute, false as at_war
    from stg_system
    union all
    select ccode, year, false as in_system, true as in_dispute, false as at_war
    from dispute_years
    union all
    select ccode, year, false as in_system, false as in_dispute, true as at_war
    from int_war_state_years
),
clocked as (
    select
        *,
        count(*) filter (where in_system)
            over (partition by ccode order by year
                  range between unbounded preceding and 1 preceding) as member_years_before,
        count(*) filter (where in_system)
            over (partition by ccode order by year
                  range between unbounded preceding and current row) as member_years_through
    from events
),
marked as (
    select
        *,
        -- member_years_through only grows with the year, so its largest value among the
        -- earlier dispute (war) years is its value at the last one.
        max(case when in_dispute then member_years_through end)
            over (partition by ccode order by year
                  range between unbounded preceding and 1 preceding) as through_last_dispute,
        max(case when at_war then member_years_through end)
            over (partition by ccode order by year
                  range between unbounded preceding and 1 preceding) as through_last_war
    from clocked
),
neighbours as (
    select ccode1 as ccode, year, count(distinct ccode2) as neighbours
    from int_contiguity_dyad_years
    where conttype <= 4
    group by ccode1, year
),
counted as (
    select
        ccode,
        year,
        member_years_before - coalesce(through_last_dispute, 0) as peace_years,
        member_years_before - coalesce(through_last_war, 0)     as war_peace_years
    from marked
    where in_system
)
select
    counted.ccode,
    counted.year,
    cast(counted.peace_years as integer)                              as peace_years,
    cast(counted.peace_years * counted.peace_years as integer)        as peace_years_sq,
    cast(counted.peace_years * counted.peace_years * counted.peace_years as integer) as peace_years_cu,
    cast(counted.war_peace_years as integer)                          as war_peace_years,
    cast(counted.war_peace_years * counted.war_peace_years as integer) as war_peace_years_sq,
    cast(counted.war_peace_years * counted.war_peace_years * counted.war_peace_years as integer)
                                                                      as war_peace_years_cu,
    cast(coalesce(neighbours.neighbours, 0) as integer)               as neighbours
from counted
left join neighbours
  on neighbours.ccode = counted.ccode
 and neighbours.year = counted.year
