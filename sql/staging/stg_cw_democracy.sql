-- isard's cw_democracy (Steven V. Miller): one row per COW state-year (COW codes), with the
-- extended Unified Democracy Scores (euds, a latent score, mean about 0 and sd about 1;
-- aeuds, the same shifted so that 0 is the average cut-point of the dichotomous measures
-- it rests on), Polity5's polity2 and V-Dem v16's electoral democracy index (polyarchy,
-- 0-1). R's NA is NULL; R stores the codes as doubles, read here as integers.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(euds as double)                      as euds,
    cast(aeuds as double)                     as aeuds,
    cast(polity2 as double)                   as polity2,
    cast(v2x_polyarchy as double)             as v2x_polyarchy
from raw_cw_democracy
