-- Thompson and Dreyer's (2012) strategic rivalries as peacesciencer transcribes them: one
-- row per rivalry between two states (ccode1 < ccode2, COW codes but for Venice's 324),
-- with its first and last year (1494-2010; a rivalry still going in 2010 ends there), its
-- region and up to three types.
select
    cast(rivalryno as integer)                as rivalry_id,
    rivalryname                               as rivalry_name,
    cast(ccode1 as integer)                   as ccode1,
    cast(ccode2 as integer)                   as ccode2,
    cast(styear as integer)                   as first_year,
    cast(endyear as integer)                  as last_year,
    region,
    concat_ws(', ', type1, type2, type3)      as rivalry_types
from raw_td_rivalries
