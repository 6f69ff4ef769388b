-- The Unified Democracy Scores, 2014 release (Pemstein, Meserve and Melton), as
-- democracyData's uds_2014 holds them: one row per UDS country-year, 1946-2012. The
-- posterior mean (uds_mean) is a latent score centred near 0. cown is Marquez's COW code
-- for the country; UDS's own uds_cowcode is Gleditsch-Ward-like in places (Germany 260
-- after 1990, Yemen 678, the Pacific microstates 970-973) and is kept only for reference.
select
    uds_country,
    cast(year as integer)                     as year,
    cast(uds_cowcode as integer)              as uds_cowcode,
    cast(cown as integer)                     as cown,
    cast(mean as double)                      as uds_mean,
    cast(sd as double)                        as uds_sd,
    cast(pct025 as double)                    as uds_pct025,
    cast(pct975 as double)                    as uds_pct975
from raw_uds_2014
