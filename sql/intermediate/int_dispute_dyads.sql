-- One row per dispute per ordered pair of states that faced each other in it: on opposite
-- sides, with participation spells overlapping for at least a day. Both orders of a pair
-- are present.
-- onset_year is the first year the two were on opposite sides at the same time (a joiner's
-- entry year, not the dispute's start), end_year the last such year.
-- hostlev and fatal are the pair's OWN level and fatality, never one that only one of them
-- reached against a third state (level_source says which rule gave them):
--   'incidents'    the dispute has incidents (MIDI/MIDIP, disputes from 1992 on) and the
--                  two met on opposite sides of at least one: see int_incident_dyads.
--   'no incident'  the dispute has incidents but the two never met in one: level 1 (no
--                  militarized action against each other), not fatal.
--   'participants' no incident data (disputes before 1992): from MIDB's state levels, a
--                  state's level counts for the pair only when the other state was its
--                  only opponent (a bilateral dispute, or a joiner facing one state), and
--                  otherwise the lower of the two levels, which both states reached. The
--                  pair is fatal when a state whose only opponent was the other suffered
--                  deaths, or when both did; NULL when unknown bands leave it open.
-- orig1/orig2: each state an originator; initiated1: ccode1 an originator on side A and
-- the pair's onset in the dispute's first year (ccode2 an originator or a joiner of that
-- year); originators: both states originators on opposite sides.
with facing as (
    -- Overlap by date, not by calendar year: states that changed sides in 1940 or 1944
    -- would otherwise face their own allies of the same year.
    select
        p1.dispnum,
        p1.ccode                                  as ccode1,
        p2.ccode                                  as ccode2,
        year(greatest(p1.start_date, p2.start_date)) as overlap_start,
        year(least(p1.end_date, p2.end_date))     as overlap_end,
        p1.hostlev                                as hostlev1,
        p2.hostlev                                as hostlev2,
        p1.fatality                               as fatality1,
        p2.fatality                               as fatality2,
        p1.originator                             as orig1,
        p2.originator                             as orig2,
        p1.side_a                                 as sidea1,
        min(year(greatest(p1.start_date, p2.start_date)))
            over (partition by p1.dispnum, p1.ccode, p2.ccode) as onset_year
    from stg_mid_participants as p1
    join stg_mid_participants as p2
      on p1.dispnum = p2.dispnum
     and p1.side_a <> p2.side_a
     -- A state that switched sides would otherwise face itself.
     and p1.ccode <> p2.ccode
     and greatest(p1.start_date, p2.start_date) <= least(p1.end_date, p2.end_date)
),
opponents as (
    select dispnum, ccode1 as ccode, count(distinct ccode2) as opponents
    from facing
    group by dispnum, ccode1
),
judged as (
    select
        facing.*,
        -- DuckDB's least() skips NULLs, so the lower level is taken only when both are known.
        greatest(
            case when hostlev1 is not null and hostlev2 is not null then least(hostlev1, hostlev2) end,
            case when o1.opponents = 1 then hostlev1 end,
            case when o2.opponents = 1 then hostlev2 end
        )                                                       as pair_hostlev,
        -- Three-valued, so an unknown band leaves the answer open only where it matters.
        (o1.opponents = 1 and fatality1 > 0)
            or (o2.opponents = 1 and fatality2 > 0)
            or (fatality1 > 0 and fatality2 > 0)                as pair_fatal
    from facing
    join opponents as o1 on o1.dispnum = facing.dispnum and o1.ccode = facing.ccode1
    join opponents as o2 on o2.dispnum = facing.dispnum and o2.ccode = facing.ccode2
),
by_participants as (
    select
        dispnum,
        ccode1,
        ccode2,
        cast(onset_year as integer)                    as onset_year,
        cast(max(overlap_end) as integer)              as end_year,
        max(pair_hostlev)                              as hostlev,
        case
            when bool_or(pair_fatal) then true
            when bool_and(coalesce(not pair_fatal, false)) then false
        end                                            as fatal,
        -- MIDB repeats a state's originator flag on each of its spells in a dispute.
        bool_or(orig1)                                 as orig1,
        bool_or(orig2)                                 as orig2,
        -- Should both states of a pair have changed sides, the side at the dyad's onset is
        -- the one that tells who began on side A.
        bool_or(sidea1) filter (where overlap_start = onset_year) as sidea1
    from judged
    group by dispnum, ccode1, ccode2, onset_year
),
incident_disputes as (
    select distinct dispnum
    from stg_mid_incidents
)
select
    d.dispnum,
    d.ccode1,
    d.ccode2,
    d.onset_year,
    d.end_year,
    case
        when i.dispnum is not null then i.hostlev
        when covered.dispnum is not null then 1
        else d.hostlev
    end                                                as hostlev,
    case
        when i.dispnum is not null then i.fatal
        when covered.dispnum is not null then false
        else d.fatal
    end                                                as fatal,
    d.orig1,
    d.orig2,
    d.sidea1,
    d.orig1 and d.sidea1 and d.onset_year = dispute.start_year  as initiated1,
    d.orig1 and d.orig2                                as originators,
    case
        when i.dispnum is not null then 'incidents'
        when covered.dispnum is not null then 'no incident'
        else 'participants'
    end                                                as level_source
from by_participants as d
join stg_mid_disputes as dispute
  on dispute.dispnum = d.dispnum
left join incident_disputes as covered
  on covered.dispnum = d.dispnum
left join int_incident_dyads as i
  on i.dispnum = d.dispnum
 and i.ccode1 = d.ccode1
 and i.ccode2 = d.ccode2
