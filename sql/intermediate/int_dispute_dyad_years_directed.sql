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
-- year_hostlev_max / year_fatal: what happened between the two in this calendar year, over
-- their disputes ongoing in it: for a dispute with incident data, the pair's own level and
-- fatality in the incidents dated to this year (int_incident_dyad_years; 1 and not fatal in
-- a year of the dispute without such an incident); for a dispute without incident data
-- (before 1992), MIDB gives no dates within the dispute, so its pair level and fatality are
-- placed in the pair's onset year and say nothing of its later years.
-- Not restricted to years when both are system members: the marts' join decides that.
with dispute_years as (
    select
        *,
        year = onset_year as is_onset
    from (
        select *, unnest(range(onset_year, end_year + 1)) as year
        from int_dispute_dyads
    )
),
dated as (
    select
        dispute_years.*,
        case
            when dispute_years.level_source = 'participants'
                then case when dispute_years.is_onset then dispute_years.hostlev end
            else coalesce(incident.hostlev, 1)
        end                                                         as year_hostlev,
        case
            when dispute_years.level_source = 'participants'
                then case when dispute_years.is_onset then dispute_years.fatal end
            when incident.dispnum is null then false
            else incident.fatal
        end                                                         as year_fatal,
        dispute_years.level_source <> 'participants' or dispute_years.is_onset as year_dated
    from dispute_years
    left join int_incident_dyad_years as incident
      on incident.dispnum = dispute_years.dispnum
     and incident.ccode1 = dispute_years.ccode1
     and incident.ccode2 = dispute_years.ccode2
     and incident.year = dispute_years.year
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
    coalesce(bool_or(initiated1) filter (where is_onset), false)    as ccode1_initiated,
    max(year_hostlev)                                               as year_hostlev_max,
    case
        when bool_or(year_fatal) then true
        when bool_and(coalesce(not year_fatal, false)) filter (where year_dated) then false
    end                                                             as year_fatal
from dated
group by ccode1, ccode2, year
