-- One row per inter-state war per ordered pair of states per stretch of time they fought
-- each other in it: on opposite sides, with spells overlapping for at least a day (both
-- spells of a state that left and came back, each side of a state that changed sides).
-- Both orders of a pair are present.
-- overlap_start_year/overlap_end_year: the calendar years of that stretch; onset_year: the
-- first year the two were at war with each other in this war (a joiner's entry year).
-- battle_deaths: the war's battle deaths, all participants together (COW counts deaths per
-- state for the whole war, not per pair; unknown counts left out).
with war_deaths as (
    select war_number, sum(battle_deaths) as battle_deaths
    from stg_interstate_wars
    group by war_number
)
select
    w1.war_number,
    w1.war_name,
    w1.ccode                                                        as ccode1,
    w2.ccode                                                        as ccode2,
    cast(year(greatest(w1.start_date, w2.start_date)) as integer)   as overlap_start_year,
    cast(year(least(w1.end_date, w2.end_date)) as integer)          as overlap_end_year,
    cast(min(year(greatest(w1.start_date, w2.start_date)))
        over (partition by w1.war_number, w1.ccode, w2.ccode) as integer) as onset_year,
    cast(war_deaths.battle_deaths as bigint)                        as battle_deaths
from int_war_spells as w1
join int_war_spells as w2
  on w1.war_number = w2.war_number
 and w1.side <> w2.side
 -- A state that changed sides would otherwise fight itself.
 and w1.ccode <> w2.ccode
 and greatest(w1.start_date, w2.start_date) <= least(w1.end_date, w2.end_date)
join war_deaths
  on war_deaths.war_number = w1.war_number
