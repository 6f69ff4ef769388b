-- COW Trade 4.0, national: one row per state-year, 1870-2014, each state's total imports
-- and exports in current million US dollars. The file leaves unknown values empty (not
-- -9); -9 is made NULL all the same, so that no code can enter a sum.
select
    cast(ccode as integer)                    as ccode,
    stateabb,
    cast(year as integer)                     as year,
    nullif(cast(imports as double), -9)       as imports,
    nullif(cast(exports as double), -9)       as exports,
    version
from raw_cow_trade_national
