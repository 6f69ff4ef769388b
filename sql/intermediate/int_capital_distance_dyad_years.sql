-- The distance between the two capitals for every directed dyad-year of the panel, or the
-- reason there is none. Each state is looked up in capdist by the number capdist knows it
-- by in that year (int_gw_state_years). Reasons:
--   'neither state in capdist'   capdist has no row for either number
--   'ccode1 not in capdist'      capdist has no row for the first state's number
--   'ccode2 not in capdist'      ... for the second state's
--   'pair not in capdist'        both numbers are in capdist, but not this pair
with listed as (
    select distinct numa as capdist_code
    from int_capital_distances
)
select
    panel.ccode1,
    panel.ccode2,
    panel.year,
    g1.capdist_code                           as capdist_code_1,
    g2.capdist_code                           as capdist_code_2,
    d.kmdist                                  as capital_distance_km,
    case
        when d.kmdist is not null                         then null
        when l1.capdist_code is null and l2.capdist_code is null then 'neither state in capdist'
        when l1.capdist_code is null                      then 'ccode1 not in capdist'
        when l2.capdist_code is null                      then 'ccode2 not in capdist'
        else 'pair not in capdist'
    end                                       as missing_reason
from int_dyad_panel_directed as panel
join int_gw_state_years as g1
  on g1.ccode = panel.ccode1
 and g1.year = panel.year
join int_gw_state_years as g2
  on g2.ccode = panel.ccode2
 and g2.year = panel.year
left join listed as l1 on l1.capdist_code = g1.capdist_code
left join listed as l2 on l2.capdist_code = g2.capdist_code
left join int_capital_distances as d
  on d.numa = g1.capdist_code
 and d.numb = g2.capdist_code
