-- One row per dispute per ordered pair of states that faced each other in it: on opposite
-- sides, with participation spells overlapping for at least a day. Both orders of a pair
-- are present.
-- onset_year is the first year the two were on opposite sides at the same time (a joiner's
-- entry year, not the dispute's start), end_year the last such year.
-- hostlev is the dyadic level: the higher of the two states' levels. fatal is true when
-- either state suffered deaths, false when both are known to have had none, NULL otherwise.
with facing as (
    -- Overlap by date, not by calendar year: states that changed sides in 1940 or 1944
    -- would otherwise face their own allies of the same year.
    select
        p1.dispnum,
        p1.ccode                                  as ccode1,
        p2.ccode                                  as ccode2,
        year(greatest(p1.start_date, p2.start_date)) as overlap_start,
        year(least(p1.end_date, p2.end_date))     as overlap_end,
        greatest(p1.hostlev, p2.hostlev)          as hostlev,
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
)
select
    dispnum,
    ccode1,
    ccode2,
    cast(onset_year as integer)                    as onset_year,
    cast(max(overlap_end) as integer)              as end_year,
    max(hostlev)                                   as hostlev,
    case
        when bool_or(fatality1 > 0 or fatality2 > 0) then true
        when bool_and(coalesce(fatality1 = 0 and fatality2 = 0, false)) then false
    end                                            as fatal,
    -- MIDB repeats a state's originator flag on each of its spells in a dispute.
    bool_or(orig1)                                 as orig1,
    bool_or(orig2)                                 as orig2,
    -- Should both states of a pair have changed sides, the side at the dyad's onset is
    -- the one that tells who began on side A.
    bool_or(sidea1) filter (where overlap_start = onset_year) as sidea1
from facing
group by dispnum, ccode1, ccode2, onset_year
