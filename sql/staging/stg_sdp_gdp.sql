-- Anders, Fariss and Markowitz's (2020) simulated estimates as peacesciencer holds them:
-- one row per COW code and year, 1800-2016, every measure a natural log rounded to 3
-- decimals: GDP (2011 US dollars), population, surplus domestic product, GDP per capita.
-- gdp_usd2011_millions undoes the log of GDP, in millions, the unit of COW's trade flows.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(wbgdp2011est as double)              as log_gdp,
    cast(wbpopest as double)                  as log_population,
    cast(sdpest as double)                    as log_sdp,
    cast(wbgdppc2011est as double)            as log_gdppc,
    exp(cast(wbgdp2011est as double)) / 1e6   as gdp_usd2011_millions
from raw_sdp_gdp
