-- Every Polity country-year with the COW state-year it stands for, or the reason it stands
-- for none (match_reason NULL when matched). Polity codes map to the same COW code unless
-- a row of the seed polity_cow_crosswalk covers the code and year: then its cow_ccode, or
-- none when the row excludes that year (a transition year that two Polity codes cover).
-- Reasons, in order of precedence:
--   'outside COW years'          the year is outside COW's membership data (1816-2016)
--   'excluded by crosswalk'      the crosswalk excludes it (see crosswalk_note)
--   'code not in COW'            the (mapped) code is never a COW state
--   'not a COW member that year' the COW state exists, but was not a member that year
--   'collision'                  two or more Polity rows map to the same COW state-year;
--                                none of them is used
with cow_years as (
    select min(year) as first_year, max(year) as last_year
    from stg_system
),
mapped as (
    select
        p.*,
        case when x.polity_ccode is null then p.polity_ccode else x.cow_ccode end as cow_ccode,
        x.polity_ccode is not null and x.cow_ccode is null                         as excluded_by_crosswalk,
        x.note                                                                     as crosswalk_note
    from stg_polity as p
    left join polity_cow_crosswalk as x
      on x.polity_ccode = p.polity_ccode
     and p.year between x.first_year and x.last_year
),
located as (
    select
        mapped.*,
        mapped.cow_ccode in (select ccode from stg_states)         as cow_code_exists,
        s.ccode is not null                                         as cow_member
    from mapped
    left join stg_system as s
      on s.ccode = mapped.cow_ccode
     and s.year = mapped.year
),
counted as (
    select
        located.*,
        count(*) filter (where cow_member) over (partition by cow_ccode, year) as rows_for_cow_state_year
    from located
)
select
    polity_ccode,
    scode,
    country,
    year,
    cow_ccode,
    polity,
    polity_special,
    polity2,
    democ,
    autoc,
    case
        when year < (select first_year from cow_years)
          or year > (select last_year from cow_years) then 'outside COW years'
        when excluded_by_crosswalk then 'excluded by crosswalk'
        when not cow_code_exists then 'code not in COW'
        when not cow_member then 'not a COW member that year'
        when rows_for_cow_state_year > 1 then 'collision'
    end                                       as match_reason,
    crosswalk_note
from counted
