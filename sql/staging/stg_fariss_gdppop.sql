-- Fariss, Anders, Markowitz and Barnum's (2022) simulated estimates on COW states, as
-- isard holds them: one row per state-year, 1816-2019, in levels: GDP per capita (2011
-- international dollars, anchored on Maddison), real GDP (millions of 2017 international
-- dollars, Penn World Table 10) and population (millions), each with its standard deviation
-- across the simulations.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(mrgdppc as double)                   as gdppc,
    cast(sd_mrgdppc as double)                as gdppc_sd,
    cast(pwtrgdp as double)                   as real_gdp_millions,
    cast(sd_pwtrgdp as double)                as real_gdp_sd,
    cast(pwtpop as double)                    as population_millions,
    cast(sd_pwtpop as double)                 as population_sd
from raw_fariss_gdppop
