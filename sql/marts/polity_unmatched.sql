-- Every Polity5 country-year that gives no COW state-year its score, with the reason
-- (see int_polity_matches for the reasons), so that nothing is dropped silently.
select
    polity_ccode,
    country,
    year,
    cow_ccode,
    match_reason                              as reason,
    polity2,
    crosswalk_note
from int_polity_matches
where match_reason is not null
order by polity_ccode, year
