-- COW major powers (majors2016): one row per spell of major-power status.
-- COW's -9 (unknown day or month) becomes NULL.
select
    cast(ccode as integer)                    as ccode,
    stateabb,
    cast(styear as integer)                   as start_year,
    nullif(cast(stmonth as integer), -9)      as start_month,
    nullif(cast(stday as integer), -9)        as start_day,
    cast(endyear as integer)                  as end_year,
    nullif(cast(endmonth as integer), -9)     as end_month,
    nullif(cast(endday as integer), -9)       as end_day,
    version
from raw_majors
