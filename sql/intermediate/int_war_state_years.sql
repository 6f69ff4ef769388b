-- State-years in which a state was at war (sparse): war_entered counts the inter-state
-- wars it entered that year (its first spell's start; a state that changed sides or came
-- back enters once), war_ongoing is true in every year any of its war spells covers.
with entries as (
    select war_number, ccode, min(start_year) as entry_year
    from int_war_spells
    group by war_number, ccode
),
at_war as (
    select distinct ccode, unnest(range(start_year, end_year + 1)) as year
    from int_war_spells
)
select
    at_war.ccode,
    cast(at_war.year as integer)                          as year,
    cast(count(entries.war_number) as integer)            as war_entered,
    true                                                  as war_ongoing
from at_war
left join entries
  on entries.ccode = at_war.ccode
 and entries.entry_year = at_war.year
group by at_war.ccode, at_war.year
