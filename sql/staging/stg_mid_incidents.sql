-- One row per militarized incident (MID 5.0, MIDI): the actions a dispute is made of.
-- MID's incident files cover the disputes that began from 1992 on; the dispute models
-- take a pair's own level from them where they exist. COW's -9 (unknown) becomes NULL.
-- hostlev: 1 no militarized action, 2 threat, 3 display, 4 use of force, 5 war.
-- fatality: band of deaths in the incident (0 none, 1 = 1-25 ... 6 = 1000 or more).
select
    cast(dispnum as integer)                   as dispnum,
    cast(incidnum as integer)                  as incidnum,
    nullif(cast(stday as integer), -9)         as start_day,
    nullif(cast(stmon as integer), -9)         as start_month,
    cast(styear as integer)                    as start_year,
    nullif(cast(endday as integer), -9)        as end_day,
    nullif(cast(endmon as integer), -9)        as end_month,
    cast(endyear as integer)                   as end_year,
    nullif(cast(duration as integer), -9)      as duration_days,
    nullif(cast(fatality as integer), -9)      as fatality,
    nullif(cast(fatalpre as integer), -9)      as fatal_precise,
    nullif(cast(action as integer), -9)        as action,
    nullif(cast(hostlev as integer), -9)       as hostlev,
    cast(numa as integer)                      as num_side_a,
    cast(version as varchar)                   as version
from raw_midi
