-- One row per unordered pair (ccode1 < ccode2) per year from 1816 in which the pair was in a
-- strategic rivalry on either list: td_rivalry (Thompson and Dreyer 2012) and tss_rivalry
-- (Thompson, Sakuwa and Suhas 2021). A rivalry counts from its first year to its last, both
-- included; a pair with two rivalries on one list (Britain and France) is one row a year.
with td_years as (
    select distinct
        least(ccode1, ccode2)                 as ccode1,
        greatest(ccode1, ccode2)              as ccode2,
        cast(unnest(range(greatest(first_year, 1816), last_year + 1)) as integer) as year
    from stg_td_rivalries
),
tss_years as (
    select distinct
        least(ccode1, ccode2)                 as ccode1,
        greatest(ccode1, ccode2)              as ccode2,
        cast(unnest(range(greatest(first_year, 1816), last_year + 1)) as integer) as year
    from stg_tss_rivalries
)
select
    coalesce(td.ccode1, tss.ccode1)           as ccode1,
    coalesce(td.ccode2, tss.ccode2)           as ccode2,
    coalesce(td.year, tss.year)               as year,
    td.ccode1 is not null                     as td_rivalry,
    tss.ccode1 is not null                    as tss_rivalry
from td_years as td
full join tss_years as tss
  on tss.ccode1 = td.ccode1
 and tss.ccode2 = td.ccode2
 and tss.year = td.year
