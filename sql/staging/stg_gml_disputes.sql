-- The Gibler-Miller-Little MID data 2.2.1, one row per dispute (peacesciencer's
-- gml_mid_disps): start year and month, the dispute's highest action and hostility level,
-- fatality band (NULL where GML writes -9, unknown), outcome, settlement, duration in
-- days (minimum and maximum) and whether it was reciprocated.
select
    cast(dispnum as integer)                  as dispnum,
    cast(styear as integer)                   as start_year,
    cast(stmon as integer)                    as start_month,
    cast(hostlev as integer)                  as hostlev,
    cast(hiact as integer)                    as hiact,
    cast(nullif(fatality, '-9') as integer)   as fatality,
    cast(nullif(outcome, '-9') as integer)    as outcome,
    cast(nullif(settle, '-9') as integer)     as settle,
    cast(mindur as integer)                   as mindur,
    cast(maxdur as integer)                   as maxdur,
    cast(recip as integer) = 1                as reciprocated
from raw_gml_mid_disps
