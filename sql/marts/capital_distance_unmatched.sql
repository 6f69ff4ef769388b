-- Every dyad-year (ccode1 < ccode2) left without a distance between capitals, with the
-- reason (see int_capital_distance_dyad_years) and the capdist numbers that were looked
-- up, so that no dyad-year loses its distance silently.
select
    ccode1,
    ccode2,
    year,
    capdist_code_1,
    capdist_code_2,
    missing_reason                            as reason
from int_capital_distance_dyad_years
where ccode1 < ccode2
  and capital_distance_km is null
order by ccode1, ccode2, year
