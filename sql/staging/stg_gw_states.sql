-- Gleditsch-Ward's lists of independent states (iisystem.dat) and microstates
-- (microstatessystem.dat): one row per membership spell under its Gleditsch-Ward number,
-- with the dd:mm:yyyy dates parsed. list says which of the two files the spell is from.
select
    cast(gwcode as integer)                   as gwcode,
    abbreviation,
    name,
    cast(strptime(start, '%d:%m:%Y') as date) as start_date,
    cast(strptime("end", '%d:%m:%Y') as date) as end_date,
    'states'                                  as list
from raw_gw_states
union all
select
    cast(gwcode as integer)                   as gwcode,
    abbreviation,
    name,
    cast(strptime(start, '%d:%m:%Y') as date) as start_date,
    cast(strptime("end", '%d:%m:%Y') as date) as end_date,
    'microstates'                             as list
from raw_gw_microstates
