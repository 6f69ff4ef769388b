-- Every row of the democracy files read beside Polity and BMR (cw_democracy,
-- ccode_democracy, vdem_simple, uds_2014) that gives no COW state-year its score, and why
-- (see int_democracy_matches for the reasons), so that no row is dropped silently.
select
    source,
    source_code,
    source_name,
    year,
    cow_ccode,
    match_reason                              as reason
from int_democracy_matches
where match_reason is not null
order by source, source_code, year, source_name
