-- Polity scores by COW state-year: the Polity rows matched to exactly one COW state-year
-- (see int_polity_matches; the unmatched ones are in the mart polity_unmatched).
select
    cow_ccode                                 as ccode,
    year,
    polity_ccode,
    polity2,
    polity,
    polity_special,
    democ,
    autoc
from int_polity_matches
where match_reason is null
