-- COW Inter-State War Data 4.0: one row per state's participation in an interstate war.
-- COW's -9 (unknown) and -8 (not applicable: no second spell, no transfer) become NULL.
-- transformed_from / transformed_to: the war number(s), comma-separated, that this war
-- came from or turned into.
-- side: 1 or 2; outcome: 1 winner, 2 loser, 3 compromise or tied, 4 transformed into
-- another type of war, 5 ongoing, 6 stalemate, 7 continuing as a new war, 8 changed sides.
select
    cast(WarNum as integer)                                       as war_number,
    WarName                                                       as war_name,
    cast(WarType as integer)                                      as war_type,
    cast(ccode as integer)                                        as ccode,
    StateName                                                     as state_name,
    cast(Side as integer)                                         as side,
    nullif(nullif(cast(StartMonth1 as integer), -9), -8)          as start_month,
    nullif(nullif(cast(StartDay1 as integer), -9), -8)            as start_day,
    nullif(nullif(cast(StartYear1 as integer), -9), -8)           as start_year,
    nullif(nullif(cast(EndMonth1 as integer), -9), -8)            as end_month,
    nullif(nullif(cast(EndDay1 as integer), -9), -8)              as end_day,
    nullif(nullif(cast(EndYear1 as integer), -9), -8)             as end_year,
    nullif(nullif(cast(StartMonth2 as integer), -9), -8)          as second_start_month,
    nullif(nullif(cast(StartDay2 as integer), -9), -8)            as second_start_day,
    nullif(nullif(cast(StartYear2 as integer), -9), -8)           as second_start_year,
    nullif(nullif(cast(EndMonth2 as integer), -9), -8)            as second_end_month,
    nullif(nullif(cast(EndDay2 as integer), -9), -8)              as second_end_day,
    nullif(nullif(cast(EndYear2 as integer), -9), -8)             as second_end_year,
    nullif(nullif(trim(TransFrom), '-9'), '-8')                   as transformed_from,
    nullif(nullif(cast(WhereFought as integer), -9), -8)          as where_fought,
    cast(Initiator as integer) = 1                                as initiator,
    nullif(nullif(cast(Outcome as integer), -9), -8)              as outcome,
    nullif(nullif(trim(TransTo), '-9'), '-8')                     as transformed_to,
    nullif(nullif(cast(BatDeath as integer), -9), -8)             as battle_deaths,
    Version                                                       as version
from raw_interstate_wars
