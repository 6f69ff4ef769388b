-- One row per dispute per ordered pair of states that took part in at least one of its
-- incidents (MIDIP) on opposite sides of the incident: the pair's own record, from the
-- actions in which the two met.
-- hostlev is the highest level either of the two reached in those incidents (MIDIP gives
-- each state's own level per incident; in an incident with several states on a side this
-- cannot tell whom a state's action was aimed at, so a pair meeting in such an incident
-- takes the higher of its two states' levels there). fatal is true when either state
-- suffered deaths in one of those incidents, false when all of their bands are known to
-- be 0, NULL otherwise.
with facing as (
    select
        p1.dispnum,
        p1.ccode                                              as ccode1,
        p2.ccode                                              as ccode2,
        greatest(p1.hostlev, p2.hostlev)                      as hostlev,
        -- Three-valued: NULL when no death is known and a band is unknown.
        p1.fatality > 0 or p2.fatality > 0                    as fatal
    from stg_mid_incident_participants as p1
    join stg_mid_incident_participants as p2
      on p1.incidnum = p2.incidnum
     and p1.incident_side_a <> p2.incident_side_a
     and p1.ccode <> p2.ccode
)
select
    dispnum,
    ccode1,
    ccode2,
    cast(count(*) as integer)                                 as shared_incidents,
    max(hostlev)                                              as hostlev,
    case
        when bool_or(fatal) then true
        when bool_and(coalesce(not fatal, false)) then false
    end                                                       as fatal
from facing
group by dispnum, ccode1, ccode2
