-- One row per dispute per ordered pair of states per calendar year in which the two met on
-- opposite sides of at least one of the dispute's incidents (MIDI/MIDIP, disputes from 1992
-- on): the pair's own record dated by the incidents, so that a dispute's war-level or fatal
-- hostility is placed in the year of the incidents that reached it, not in the year the
-- dispute began (MID 4007, India and Pakistan, began in 1993; its war-level incidents are
-- Kargil, 1999). An incident running over a year end counts in each of its years.
-- hostlev and fatal are as in int_incident_dyads (the higher of the two states' levels in
-- an incident where they met; fatal three-valued), over that year's incidents only.
with incident_years as (
    select
        incidnum,
        dispnum,
        unnest(range(start_year, coalesce(end_year, start_year) + 1)) as year
    from stg_mid_incidents
),
facing as (
    select
        p1.dispnum,
        p1.incidnum,
        p1.ccode                                              as ccode1,
        p2.ccode                                              as ccode2,
        greatest(p1.hostlev, p2.hostlev)                      as hostlev,
        p1.fatality > 0 or p2.fatality > 0                    as fatal
    from stg_mid_incident_participants as p1
    join stg_mid_incident_participants as p2
      on p1.incidnum = p2.incidnum
     and p1.incident_side_a <> p2.incident_side_a
     and p1.ccode <> p2.ccode
)
select
    facing.dispnum,
    facing.ccode1,
    facing.ccode2,
    cast(incident_years.year as integer)                      as year,
    cast(count(distinct facing.incidnum) as integer)          as shared_incidents,
    max(facing.hostlev)                                       as hostlev,
    case
        when bool_or(facing.fatal) then true
        when bool_and(coalesce(not facing.fatal, false)) then false
    end                                                       as fatal
from facing
join incident_years
  on incident_years.incidnum = facing.incidnum
group by facing.dispnum, facing.ccode1, facing.ccode2, incident_years.year
