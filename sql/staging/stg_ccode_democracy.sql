-- peacesciencer 1.1.0's ccode_democracy (Steven V. Miller): one row per COW state-year (COW
-- codes), with Marquez's QuickUDS extension of the Unified Democracy Scores (xm_qudsest, a
-- latent score, to 2017), V-Dem v10's polyarchy and Polity IV's polity2. R's NA is NULL.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(xm_qudsest as double)                as xm_qudsest,
    cast(v2x_polyarchy as double)             as v2x_polyarchy,
    cast(polity2 as double)                   as polity2
from raw_ccode_democracy
