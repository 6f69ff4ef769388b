-- Thompson, Sakuwa and Suhas's (2021) strategic rivalries as peacesciencer transcribes
-- them: one row per rivalry (COW codes but for Venice's 324) with its first and last year
-- (a rivalry still going in 2020 ends there) and its types, which the file flags 1 or NA
-- (never 0): a type is true when flagged.
select
    cast(r.tssr_id as integer)                as rivalry_id,
    r.rivalry                                 as rivalry_name,
    cast(r.ccode1 as integer)                 as ccode1,
    cast(r.ccode2 as integer)                 as ccode2,
    cast(r.start as integer)                  as first_year,
    cast(r.end as integer)                    as last_year,
    coalesce(cast(r.positional as double) = 1, false)      as positional_rivalry,
    coalesce(cast(r.spatial as double) = 1, false)         as spatial_rivalry,
    coalesce(cast(r.ideological as double) = 1, false)     as ideological_rivalry,
    coalesce(cast(r.interventionary as double) = 1, false) as interventionary_rivalry,
    coalesce(cast(r.principal as double) = 1, false)       as principal_rivalry
from raw_tss_rivalries as r
