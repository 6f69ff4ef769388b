-- Every dyad-year (ccode1 < ccode2) left without a distance between capitals, with the
-- capdist numbers its states were looked up by (int_gw_state_years) and the reason, so
-- that no dyad-year loses its distance silently. Reasons:
--   'neither state in capdist'   capdist has no row for either number
--   'ccode1 not in capdist'      capdist has no row for the first state's number
--   'ccode2 not in capdist'      ... for the second state's
--   'pair not in capdist'        both numbers are in capdist, but not this pair
with listed as (
    select distinct numa as capdist_code
    from int_capital_distances
),
missing as (
    select
        d.ccode1,
        d.ccode2,
        d.year,
        g1.capdist_code                       as capdist_code_1,
        g2.capdist_code                       as capdist_code_2,
        l1.capdist_code is not null           as listed_1,
        l2.capdist_code is not null           as listed_2
    from dyad_years as d
    join int_gw_state_years as g1
      on g1.ccode = d.ccode1
     and g1.year = d.year
    join int_gw_state_years as g2
      on g2.ccode = d.ccode2
     and g2.year = d.year
    left join listed as l1 on l1.capdist_code = g1.capdist_code
    left join listed as l2 on l2.capdist_code = g2.capdist_code
    where d.capital_distance_km is null
)
select
    ccode1,
    ccode2,
    year,
    capdist_code_1,
    capdist_code_2,
    case
        when not listed_1 and not listed_2 then 'neither state in capdist'
        when not listed_1 then 'ccode1 not in capdist'
        when not listed_2 then 'ccode2 not in capdist'
        else 'pair not in capdist'
    end                                       as reason
from missing
order by ccode1, ccode2, year
