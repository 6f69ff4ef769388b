-- The check of the alliance rebuild against ATOP's own state-year file: every state-year
-- on which the two disagree (one lists it and the other not, or their alliances or the
-- state's obligation flags differ). Empty when the member file rebuilds atop5_1sy.
with published as (
    select
        sy.ccode,
        sy.year,
        (select list(a.atopid order by a.atopid)
         from stg_atop_state_year_alliances as a
         where a.ccode = sy.ccode and a.year = sy.year) as atopids,
        sy.defense,
        sy.offense,
        sy.neutral,
        sy.nonagg,
        sy.consul
    from stg_atop_state_years as sy
)
select
    coalesce(r.ccode, p.ccode)                as ccode,
    coalesce(r.year, p.year)                  as year,
    case
        when p.ccode is null then 'only in the rebuild'
        when r.ccode is null then 'only in atop5_1sy'
        when (r.atopids is distinct from p.atopids) then 'alliances differ'
        else 'obligations differ'
    end                                       as reason,
    r.atopids                                 as rebuilt_atopids,
    p.atopids                                 as published_atopids,
    [r.defense, r.offense, r.neutral, r.nonagg, r.consul] as rebuilt_obligations,
    [p.defense, p.offense, p.neutral, p.nonagg, p.consul] as published_obligations
from int_atop_state_years as r
full join published as p
  on p.ccode = r.ccode
 and p.year = r.year
where p.ccode is null
   or r.ccode is null
   or r.atopids is distinct from p.atopids
   or r.defense <> p.defense
   or r.offense <> p.offense
   or r.neutral <> p.neutral
   or r.nonagg <> p.nonagg
   or r.consul <> p.consul
order by ccode, year
