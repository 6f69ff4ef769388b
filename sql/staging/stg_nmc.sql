-- COW National Material Capabilities 6.0 (abridged): one row per state-year.
-- COW's -9 (missing) becomes NULL in every measure, so that it never enters a sum or mean.
-- milex: military expenditure (thousands of current year GBP to 1913, USD after);
-- milper: military personnel (thousands); irst: iron and steel production (thousands of
-- tons); pec: primary energy consumption (thousands of coal-ton equivalents); tpop, upop:
-- total and urban population (thousands); cinc: Composite Index of National Capability,
-- the state's share of the system's capabilities (0 to 1).
select
    cast(ccode as integer)                    as ccode,
    stateabb,
    cast(year as integer)                     as year,
    nullif(cast(milex as double), -9)         as milex,
    nullif(cast(milper as double), -9)        as milper,
    nullif(cast(irst as double), -9)          as irst,
    nullif(cast(pec as double), -9)           as pec,
    nullif(cast(tpop as double), -9)          as tpop,
    nullif(cast(upop as double), -9)          as upop,
    nullif(cast(cinc as double), -9)          as cinc,
    version
from raw_nmc
