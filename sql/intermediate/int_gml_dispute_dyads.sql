-- One row per Gibler-Miller-Little dispute per ordered pair of states on opposite sides per
-- year (GML's directed dispute-years), with the pair's OWN hostility level and fatality.
-- GML's hostlev and fatality columns are each state's record in the dispute, the same
-- against every opponent, so the pair's own level follows the rule int_dispute_dyads
-- applies to MID's participant records: a state's level counts for the pair only when the
-- other state was its only opponent in the dispute (a bilateral dispute, or a joiner
-- facing one state), and otherwise the lower of the two levels, which both states reached.
-- The pair is fatal when a state whose only opponent was the other suffered deaths, or
-- both did; NULL when unknown bands (-9) leave it open. onset is GML's own coding of the
-- pair's onset year.
with opponents as (
    select
        dispnum,
        ccode1                                    as ccode,
        count(distinct ccode2)                    as opponents
    from stg_gml_participant_dyads
    group by dispnum, ccode1
)
select
    g.dispnum,
    g.ccode1,
    g.ccode2,
    g.year,
    g.onset,
    g.sidea1,
    g.orig1,
    g.orig2,
    -- DuckDB's least() skips NULLs, so the lower level is taken only when both are known.
    greatest(
        case when g.hostlev1 is not null and g.hostlev2 is not null then least(g.hostlev1, g.hostlev2) end,
        case when o1.opponents = 1 then g.hostlev1 end,
        case when o2.opponents = 1 then g.hostlev2 end
    )                                             as hostlev,
    -- Three-valued, so an unknown band leaves the answer open only where it matters.
    (o1.opponents = 1 and g.fatality1 > 0)
        or (o2.opponents = 1 and g.fatality2 > 0)
        or (g.fatality1 > 0 and g.fatality2 > 0)  as fatal
from stg_gml_participant_dyads as g
join opponents as o1 on o1.dispnum = g.dispnum and o1.ccode = g.ccode1
join opponents as o2 on o2.dispnum = g.dispnum and o2.ccode = g.ccode2
