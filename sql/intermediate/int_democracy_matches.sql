-- Every row of the four democracy files read beside Polity and BMR (isard's cw_democracy,
-- peacesciencer's ccode_democracy, V-Dem's vdem_simple, UDS's uds_2014) with the COW
-- state-year it stands for, or why it stands for none (match_reason NULL when matched).
-- cw_democracy and ccode_democracy are keyed by COW codes; vdem_simple and uds_2014 are
-- matched on Marquez's COW code cown (V-Dem's and UDS's own codes are not COW codes
-- throughout). Reasons, in order of precedence:
--   'no COW code'                the row's unit has no COW code (colonies and other units)
--   'outside COW years'          the year is outside COW's membership data (1816-2016)
--   'code not in COW'            no COW state has the code
--   'not a COW member that year' the COW state exists, but was not a member that year
--   'collision'                  two or more rows of the file stand for the same COW
--                                state-year; none of them is used
with cow_years as (
    select min(year) as first_year, max(year) as last_year
    from stg_system
),
source_rows as (
    select
        'cw_democracy' as source,
        ccode          as source_code,
        null           as source_name,
        ccode          as cow_ccode,
        year
    from stg_cw_democracy
    union all
    select
        'ccode_democracy' as source,
        ccode             as source_code,
        null              as source_name,
        ccode             as cow_ccode,
        year
    from stg_ccode_democracy
    union all
    select
        'vdem_simple'     as source,
        vdem_country_id   as source_code,
        vdem_country_name as source_name,
        cown              as cow_ccode,
        year
    from stg_vdem_simple
    union all
    select
        'uds_2014'        as source,
        uds_cowcode       as source_code,
        uds_country       as source_name,
        cown              as cow_ccode,
        year
    from stg_uds_2014
),
located as (
    select
        source_rows.*,
        source_rows.cow_ccode in (select ccode from stg_states) as cow_code_exists,
        s.ccode is not null                                       as cow_member
    from source_rows
    left join stg_system as s
      on s.ccode = source_rows.cow_ccode
     and s.year = source_rows.year
),
counted as (
    select
        located.*,
        count(*) filter (where cow_member)
            over (partition by source, cow_ccode, year)         as rows_for_cow_state_year
    from located
)
select
    source,
    cast(source_code as integer)              as source_code,
    source_name,
    cow_ccode,
    year,
    case
        when cow_ccode is null then 'no COW code'
        when year < (select first_year from cow_years)
          or year > (select last_year from cow_years) then 'outside COW years'
        when not cow_code_exists then 'code not in COW'
        when not cow_member then 'not a COW member that year'
        when rows_for_cow_state_year > 1 then 'collision'
    end                                       as match_reason
from counted
