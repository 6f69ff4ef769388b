-- COW Direct Contiguity 3.2, directed dyad-years (contdird): one row per ordered pair of
-- contiguous states per year and contiguity type. In a year when a pair's contiguity
-- changed, the pair appears once for each type.
-- conttype: 1 land or river border; separated by water of at most 2 = 12, 3 = 24,
-- 4 = 150, 5 = 400 miles.
select
    cast(state1no as integer)                 as ccode1,
    state1ab                                  as stateabb1,
    cast(state2no as integer)                 as ccode2,
    state2ab                                  as stateabb2,
    cast(year as integer)                     as year,
    cast(conttype as integer)                 as conttype,
    version
from raw_contdird
