-- COW Trade 4.0 dyadic flows as peacesciencer redistributes them: one row per ordered pair
-- per year (each pair in both orders), 1870-2014. flow1 is ccode1's imports from ccode2,
-- flow2 ccode2's imports from ccode1, in current million US dollars (rounded to 3
-- decimals); R's NA (COW's -9) is NULL. Dyad-years whose every flow is unknown are not in
-- the file, so a pair-year absent from it is unknown, not zero trade.
select
    cast(ccode1 as integer)                   as ccode1,
    cast(ccode2 as integer)                   as ccode2,
    cast(year as integer)                     as year,
    cast(flow1 as double)                     as flow1,
    cast(flow2 as double)                     as flow2,
    cast(smoothflow1 as double)               as smoothflow1,
    cast(smoothflow2 as double)               as smoothflow2
from raw_cow_trade_directed_dyad_years
