-- Every dyad-year (non-directed, ccode1 < ccode2) in the years both dispute records cover
-- (GML 1816-2010, MID 5.0 to 2014) in which the Gibler-Miller-Little data and MID 5.0
-- disagree, with both codings side by side and the disputes behind each:
--   'onset'     one record has an onset for the pair that year, the other none
--   'ongoing'   both agree on the onset, but only one has a dispute ongoing
--   'hostility' both have a dispute ongoing, at different levels of the pair's own
--               highest hostility
with both_covered as (
    select *
    from dyad_years
    where mid_onset is not null
      and gml_onset is not null
),
differing as (
    select
        ccode1,
        ccode2,
        year,
        case
            when mid_onset <> gml_onset then 'onset'
            when mid_ongoing <> gml_ongoing then 'ongoing'
            when hostlev_max <> gml_hostlev_max then 'hostility'
        end                                   as disagreement,
        mid_onset,
        mid_ongoing,
        hostlev_max                           as mid_hostlev_max,
        gml_onset,
        gml_ongoing,
        gml_hostlev_max
    from both_covered
    where mid_onset <> gml_onset
       or mid_ongoing <> gml_ongoing
       or hostlev_max <> gml_hostlev_max
),
mid_disputes as (
    select
        ccode1,
        ccode2,
        cast(year as integer)                 as year,
        string_agg(distinct cast(dispnum as varchar), ' ' order by cast(dispnum as varchar)) as dispnums
    from (
        select ccode1, ccode2, dispnum, unnest(range(onset_year, end_year + 1)) as year
        from int_dispute_dyads
        where ccode1 < ccode2
    )
    group by ccode1, ccode2, year
),
gml_disputes as (
    select
        ccode1,
        ccode2,
        year,
        string_agg(distinct cast(dispnum as varchar), ' ' order by cast(dispnum as varchar)) as dispnums
    from int_gml_dispute_dyads
    where ccode1 < ccode2
    group by ccode1, ccode2, year
)
select
    d.ccode1,
    d.ccode2,
    d.year,
    d.disagreement,
    d.mid_onset,
    d.mid_ongoing,
    d.mid_hostlev_max,
    mid_disputes.dispnums                     as mid_dispnums,
    d.gml_onset,
    d.gml_ongoing,
    d.gml_hostlev_max,
    gml_disputes.dispnums                     as gml_dispnums
from differing as d
left join mid_disputes
  on mid_disputes.ccode1 = d.ccode1
 and mid_disputes.ccode2 = d.ccode2
 and mid_disputes.year = d.year
left join gml_disputes
  on gml_disputes.ccode1 = d.ccode1
 and gml_disputes.ccode2 = d.ccode2
 and gml_disputes.year = d.year
order by d.ccode1, d.ccode2, d.year
