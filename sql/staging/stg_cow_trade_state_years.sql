-- peacesciencer's subset of COW Trade 4.0 national (ccode, year, imports, exports in
-- current million US dollars), an independent copy of the national file's values: the
-- data test in sql/schema.yml checks the two agree.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(imports as double)                   as imports,
    cast(exports as double)                   as exports
from raw_cow_trade_state_years
