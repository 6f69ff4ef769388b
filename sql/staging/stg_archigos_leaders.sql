-- Archigos 4.1 leader spells as peacesciencer holds them: one row per spell in office,
-- under the state's Gleditsch-Ward number (gwcode, not COW's ccode), with the first and
-- last day in office, how the leader came in and left.
select
    obsid                                     as spell_id,
    cast(gwcode as integer)                   as gwcode,
    leadid                                    as leader_id,
    leader,
    cast(yrborn as integer)                   as birth_year,
    gender,
    cast(startdate as date)                   as start_date,
    cast(enddate as date)                     as end_date,
    entry,
    exit,
    exitcode                                  as exit_code
from raw_archigos_leaders
