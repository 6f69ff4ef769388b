-- Boix-Miller-Rosato dichotomous democracy 4.0: one row per BMR country-year, under BMR's
-- own country codes (bmr_ccode: COW-like, but not COW; the crosswalk to COW codes is
-- sql/seeds/bmr_cow_crosswalk.csv). democracy is 1 (democracy) or 0; BMR writes NA in years
-- a unit was not sovereign, which become NULL.
select
    cast(ccode as integer)                              as bmr_ccode,
    country,
    cast(year as integer)                               as year,
    cast(nullif(democracy, 'NA') as integer) = 1        as democracy
from raw_bmr_democracy
