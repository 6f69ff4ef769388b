-- Gleditsch and Ward's distances between capitals (capdist.csv): one row per ordered pair
-- of country numbers (numa, numb: Gleditsch-Ward numbers, as capdist uses them) with the
-- great-circle distance between their capitals in kilometres and miles. capdist lists
-- some pairs twice, under two names for one number (345 as 'SER' and 'YUG').
select
    cast(numa as integer)                     as numa,
    ida,
    cast(numb as integer)                     as numb,
    idb,
    cast(kmdist as double)                    as kmdist,
    cast(midist as double)                    as midist
from raw_capdist
