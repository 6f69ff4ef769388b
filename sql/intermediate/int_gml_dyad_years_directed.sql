-- Directed dyad-years with at least one Gibler-Miller-Little dispute between the two
-- states ongoing (sparse: the marts fill in the other years of GML's coverage), in the
-- same form as MID 5.0's int_dispute_dyad_years_directed: the onset columns describe
-- only the disputes GML codes as beginning for the pair that year; the levels are the
-- pair's own (int_gml_dispute_dyads). originator_onset: an onset in which both were
-- originators (GML's pairs are always on opposite sides).
-- Not restricted to years when both are system members: the marts' join decides that.
select
    ccode1,
    ccode2,
    year,
    true                                                            as gml_ongoing,
    bool_or(onset)                                                  as gml_onset,
    cast(count(*) filter (where onset) as integer)                  as gml_onset_count,
    cast(count(distinct dispnum) as integer)                        as gml_ongoing_count,
    max(hostlev)                                                    as gml_hostlev_max,
    max(hostlev) filter (where onset)                               as gml_onset_hostlev_max,
    coalesce(bool_or(hostlev >= 4) filter (where onset), false)     as gml_force_onset,
    case
        when bool_or(fatal) filter (where onset) then true
        when bool_and(coalesce(not fatal, false) or not onset) then false
    end                                                             as gml_fatal_onset,
    coalesce(bool_or(orig1) filter (where onset), false)            as gml_orig1,
    coalesce(bool_or(orig2) filter (where onset), false)            as gml_orig2,
    coalesce(bool_or(orig1 and orig2) filter (where onset), false)  as gml_originator_onset
from int_gml_dispute_dyads
group by ccode1, ccode2, year
