-- COW IGO 3.0 as peacesciencer counts it: one row per state-year, 1816-2014, with the
-- number of IGOs of which the state was a full member, an associate member, an observer,
-- and a member of any kind.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(sum_igo_full as integer)             as igos_full,
    cast(sum_igo_associate as integer)        as igos_associate,
    cast(sum_igo_observer as integer)         as igos_observer,
    cast(sum_igo_anytype as integer)          as igos_any
from raw_cow_igo_state_years
