-- One row per directed dyad-year with direct contiguity: the closest contiguity type
-- the pair had that year. contdird lists a pair twice in a year its contiguity changed
-- (for example on a border change); the lower type is the closer one, so taking it counts
-- the pair as contiguous in the closest way it was during any part of the year.
select
    ccode1,
    ccode2,
    year,
    min(conttype)                             as conttype
from stg_contdird
group by ccode1, ccode2, year
