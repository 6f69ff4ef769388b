-- One row per state per militarized incident (MID 5.0, MIDIP), with COW's -9 (unknown)
-- turned into NULL. incident_side_a is the state's side in the incident (side A took the
-- incident's action), side_a its side in the dispute; the two differ for about a third of
-- the rows, so pairs facing each other in an incident are found by incident_side_a.
-- hostlev and fatality are the state's own in the incident (levels and bands as in MIDB).
select
    cast(dispnum as integer)                   as dispnum,
    cast(incidnum as integer)                  as incidnum,
    cast(ccode as integer)                     as ccode,
    cast(stabb as varchar)                     as stabb,
    cast(styear as integer)                    as start_year,
    cast(endyear as integer)                   as end_year,
    cast(insidea as integer) = 1               as incident_side_a,
    cast(sidea as integer) = 1                 as side_a,
    nullif(cast(fatality as integer), -9)      as fatality,
    nullif(cast(fatalpre as integer), -9)      as fatal_precise,
    nullif(cast(action as integer), -9)        as action,
    nullif(cast(hostlev as integer), -9)       as hostlev,
    cast(version as varchar)                   as version
from raw_midip
