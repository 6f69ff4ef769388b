-- One row per militarized interstate dispute (MID 5.0, MIDA), typed, with COW's -9
-- (unknown) turned into NULL.
-- fatality is a dispute-level band: 0 none, 1 = 1-25 deaths, 2 = 26-100, 3 = 101-250,
-- 4 = 251-500, 5 = 501-999, 6 = 1000 or more; fatal_precise is the exact count when known.
-- hostlev: 1 no militarized action, 2 threat, 3 display, 4 use of force, 5 war.
select
    cast(dispnum as integer)                   as dispnum,
    nullif(cast(stday as integer), -9)         as start_day,
    nullif(cast(stmon as integer), -9)         as start_month,
    cast(styear as integer)                    as start_year,
    nullif(cast(endday as integer), -9)        as end_day,
    nullif(cast(endmon as integer), -9)        as end_month,
    cast(endyear as integer)                   as end_year,
    nullif(cast(outcome as integer), -9)       as outcome,
    nullif(cast(settle as integer), -9)        as settle,
    nullif(cast(fatality as integer), -9)      as fatality,
    nullif(cast(fatalpre as integer), -9)      as fatal_precise,
    cast(maxdur as integer)                    as max_duration_days,
    cast(mindur as integer)                    as min_duration_days,
    nullif(cast(hiact as integer), -9)         as hiact,
    nullif(cast(hostlev as integer), -9)       as hostlev,
    cast(recip as integer) = 1                 as reciprocated,
    cast(numa as integer)                      as num_side_a,
    cast(numb as integer)                      as num_side_b,
    cast(ongo2014 as integer) = 1              as ongoing_2014,
    cast(version as varchar)                   as version
from raw_mida
