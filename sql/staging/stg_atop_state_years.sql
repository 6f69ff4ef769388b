-- ATOP 5.1 state-year file (atop5_1sy) as published: one row per state and year in which
-- the state was a member of at least one alliance, with ATOP's own flags for the state's
-- obligations that year (any of its alliances). Used to check the rebuild from the member
-- file (atop_state_year_mismatches); the analysis tables take alliances from the member file.
select
    cast(state as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(number as integer)                   as alliances,
    defense = '1'                             as defense,
    offense = '1'                             as offense,
    neutral = '1'                             as neutral,
    nonagg = '1'                              as nonagg,
    consul = '1'                              as consul
from raw_atop_state_years
