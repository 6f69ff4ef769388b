-- One row per spell of a state's participation in an inter-state war (COW 4.0): a state
-- that left a war and came back has a second spell in the same row of the war data, and a
-- state that changed sides (Italy, Romania, Bulgaria in 1943-44) has a row per side.
-- Unknown days are taken as the month's first day at the start and last day at the end,
-- and an unknown month as January or December, so that a spell is never shorter than what
-- COW says (the same rule as MIDB's spells). The war data have no unknown days today.
-- battle_deaths is the state's own for the whole row (both spells), NULL when unknown.
with spells as (
    select war_number, war_name, ccode, side, 1 as spell,
           start_year, start_month, start_day, end_year, end_month, end_day, battle_deaths
    from stg_interstate_wars
    union all
    select war_number, war_name, ccode, side, 2 as spell,
           second_start_year, second_start_month, second_start_day,
           second_end_year, second_end_month, second_end_day, null as battle_deaths
    from stg_interstate_wars
    where second_start_year is not null
)
select
    war_number,
    war_name,
    ccode,
    side,
    spell,
    start_year,
    end_year,
    make_date(start_year, coalesce(start_month, 1), coalesce(start_day, 1))          as start_date,
    coalesce(
        make_date(end_year, end_month, end_day),
        last_day(make_date(end_year, coalesce(end_month, 12), 1))
    )                                                                               as end_date,
    battle_deaths
from spells
