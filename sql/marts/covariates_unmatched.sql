-- Rows of the covariate sources (trade, IGOs, GDP, territorial threat, rivalries) that no
-- COW state-year or dyad-year takes, grouped by source, state (or pair) and reason with their
-- first and last year and the number of rows, so that no value is lost silently. Reasons:
--   'code never a COW state'     a state code that is not in the COW state list (Venice 324)
--   'not a COW member that year' a state-year source's row outside the state's membership
--   'not a COW dyad that year'   a pair-year in which the two were not both members on a
--                                common day (int_dyad_panel_directed)
-- Rivalries count the years from 1816 to the end of the membership data.
with cow_codes as (
    select distinct ccode
    from stg_states
),
last_member_year as (
    select max(year) as year
    from stg_system
),
state_rows as (
    select 'cow_trade_national' as source, ccode, year from stg_cow_trade_national
    union all
    select 'cow_igo_state_years' as source, ccode, year from stg_cow_igo_state_years
    union all
    select 'sdp_gdp' as source, ccode, year from stg_sdp_gdp
    union all
    select 'fariss_gdppop' as source, ccode, year from stg_fariss_gdppop
    union all
    select 'territorial_threat' as source, ccode, year from stg_territorial_threat
),
pair_rows as (
    select 'cow_trade_flows' as source, ccode1, ccode2, year from stg_cow_trade_flows
    union all
    select 'cow_igo_dyad_years' as source, ccode1, ccode2, year from stg_cow_igo_dyad_years
    union all
    select
        'td_rivalries' as source,
        ccode1,
        ccode2,
        cast(unnest(range(greatest(first_year, 1816), last_year + 1)) as integer) as year
    from stg_td_rivalries
    union all
    select
        'tss_rivalries' as source,
        ccode1,
        ccode2,
        cast(unnest(range(greatest(first_year, 1816), last_year + 1)) as integer) as year
    from stg_tss_rivalries
),
unmatched_states as (
    select
        r.source,
        r.ccode                               as ccode1,
        cast(null as integer)                 as ccode2,
        r.year,
        case
            when r.ccode not in (select ccode from cow_codes) then 'code never a COW state'
            else 'not a COW member that year'
        end                                   as reason
    from state_rows as r
    left join stg_system as s
      on s.ccode = r.ccode
     and s.year = r.year
    where s.ccode is null
),
unmatched_pairs as (
    select
        r.source,
        r.ccode1,
        r.ccode2,
        r.year,
        case
            when r.ccode1 not in (select ccode from cow_codes)
              or r.ccode2 not in (select ccode from cow_codes) then 'code never a COW state'
            else 'not a COW dyad that year'
        end                                   as reason
    from pair_rows as r
    cross join last_member_year
    left join int_dyad_panel_directed as p
      on p.ccode1 = r.ccode1
     and p.ccode2 = r.ccode2
     and p.year = r.year
    where p.ccode1 is null
      and r.year <= last_member_year.year
)
select
    source,
    ccode1,
    ccode2,
    reason,
    min(year)                                 as first_year,
    max(year)                                 as last_year,
    count(*)                                  as source_rows
from (
    select * from unmatched_states
    union all
    select * from unmatched_pairs
)
group by source, ccode1, ccode2, reason
order by source, ccode1, ccode2, reason
