-- One row per spell of a state's participation in a militarized interstate dispute
-- (MID 5.0, MIDB), typed, with COW's -9 (unknown) turned into NULL.
-- A state that left a dispute and came back, or changed sides (Italy in 1943), has one
-- row per spell, numbered by `spell` in order of entry; (dispnum, ccode, spell) is the key.
-- fatality is the state's own band of battle deaths: 0 none, 1 = 1-25, 2 = 26-100,
-- 3 = 101-250, 4 = 251-500, 5 = 501-999, 6 = 1000 or more.
-- originator: on its side from the dispute's first day (a joiner came in later).
-- start_date/end_date take an unknown day as the month's first/last day, so that a spell
-- is never shorter than what MIDB says.
select
    cast(dispnum as integer)                   as dispnum,
    cast(ccode as integer)                     as ccode,
    cast(stabb as varchar)                     as stabb,
    cast(row_number() over (
        partition by dispnum, ccode
        order by cast(styear as integer), cast(stmon as integer), nullif(cast(stday as integer), -9)
    ) as integer)                              as spell,
    nullif(cast(stday as integer), -9)         as start_day,
    nullif(cast(stmon as integer), -9)         as start_month,
    cast(styear as integer)                    as start_year,
    nullif(cast(endday as integer), -9)        as end_day,
    nullif(cast(endmon as integer), -9)        as end_month,
    cast(endyear as integer)                   as end_year,
    make_date(cast(styear as integer), cast(stmon as integer),
              coalesce(nullif(cast(stday as integer), -9), 1))       as start_date,
    coalesce(
        make_date(cast(endyear as integer), cast(endmon as integer), nullif(cast(endday as integer), -9)),
        last_day(make_date(cast(endyear as integer), cast(endmon as integer), 1))
    )                                          as end_date,
    cast(sidea as integer) = 1                 as side_a,
    cast(revstate as integer) = 1              as revstate,
    nullif(cast(revtype1 as integer), -9)      as revtype1,
    nullif(cast(revtype2 as integer), -9)      as revtype2,
    nullif(cast(fatality as integer), -9)      as fatality,
    nullif(cast(fatalpre as integer), -9)      as fatal_precise,
    nullif(cast(hiact as integer), -9)         as hiact,
    nullif(cast(hostlev as integer), -9)       as hostlev,
    cast(orig as integer) = 1                  as originator,
    cast(version as varchar)                   as version
from raw_midb
