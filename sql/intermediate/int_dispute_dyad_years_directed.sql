-- Directed dyad-years with at least one militarized dispute between the two states
-- ongoing (sparse: years without a dispute are absent, and the marts fill them in).
-- A dispute is ongoing for the pair in every calendar year from its dyadic onset_year to
-- its end_year, including any years in between when one of them had left it for a while.
-- The onset_* / force_onset / fatal_onset / orig* / sidea1 columns describe only the
-- disputes that began for the pair in that year; with no onset they are false (NULL for
-- onset_hostlev_max and sidea1). fatal_onset is NULL when no onset that year is known to
-- be fatal and one of them has unknown fatalities. The levels are the pair's own (see
-- int_dispute_dyads). originator_onset: an onset in which both were originators on
-- opposite sides; ccode1_initiated: an onset, in the dispute's first year, of a dispute
-- ccode1 began as an originator on side A against ccode2.
-- Not restricted to years when both are system members: the marts' join decides that.
with dispute_years as (
    select
        *,
        year = onset_year as is_onset
    from (
        select *, unnest(range(onset_year, end_year + 1)) as year
        from int_dispute_dyads
    )
)
select
    ccode1,
    ccode2,
    cast(year as integer)                                           as year,
    true                                                            as mid_ongoing,
    bool_or(is_onset)                                               as mid_onset,
    cast(count(*) filter (where is_onset) as integer)               as mid_onset_count,
    cast(count(distinct dispnum) as integer)                        as mid_ongoing_count,
    max(hostlev)                                                    as hostlev_max,
    max(hostlev) filter (where is_onset)                            as onset_hostlev_max,
    coalesce(bool_or(hostlev >= 4) filter (where is_onset), false)  as force_onset,
    case
        when bool_or(fatal) filter (where is_onset) then true
        when bool_and(coalesce(not fatal, false) or not is_onset) then false
    end                                                             as fatal_onset,
    coalesce(bool_or(orig1) filter (where is_onset), false)         as orig1,
    coalesce(bool_or(orig2) filter (where is_onset), false)         as orig2,
    bool_or(sidea1) filter (where is_onset)                         as sidea1,
    coalesce(bool_or(originators) filter (where is_onset), false)   as originator_onset,
    coalesce(bool_or(initiated1) filter (where is_onset), false)    as ccode1_initiated
from dispute_years
group by ccode1, ccode2, year
