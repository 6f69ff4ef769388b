-- COW IGO 3.0 as peacesciencer counts it: one row per unordered pair (ccode1 < ccode2) per
-- year, 1816-2014, with shared_igos, the number of intergovernmental organisations of which
-- both states were full members. COW's missing (-9) and not-yet-existing (-1) codes were
-- made NA before counting, so 0 means no shared full membership that was coded.
select
    cast(ccode1 as integer)                   as ccode1,
    cast(ccode2 as integer)                   as ccode2,
    cast(year as integer)                     as year,
    cast(dyadigos as integer)                 as shared_igos
from raw_cow_igo_dyad_years
