-- One row per COW state-year with the Boix-Miller-Rosato code that stands for it and
-- BMR's 0/1 democracy score (NULL where BMR has no row or writes NA). The BMR code is the
-- COW code unless a row of the seed bmr_cow_crosswalk covers the code and year (BMR codes
-- are COW-like, but 347 is the Federal Republic of Yugoslavia there, 364 the USSR, 818
-- unified Vietnam, and so on: see the seed's notes). Each COW state-year takes at most one
-- BMR row, so no two COW state-years can share a score by accident of the mapping.
select
    s.ccode,
    s.year,
    coalesce(x.bmr_ccode, s.ccode)            as bmr_ccode,
    b.democracy                               as bmr_democracy,
    b.bmr_ccode is not null                   as bmr_row_found,
    x.note                                    as crosswalk_note
from stg_system as s
left join bmr_cow_crosswalk as x
  on x.ccode = s.ccode
 and s.year between x.first_year and x.last_year
left join stg_bmr_democracy as b
  on b.bmr_ccode = coalesce(x.bmr_ccode, s.ccode)
 and b.year = s.year
