-- One row per COW state-year with its Gleditsch-Ward number and the number capdist knows
-- its capital by. Both are the COW code unless a row of the seed gw_cow_crosswalk covers
-- the code and year (see its notes: unified Germany, Serbia, unified Yemen and four Pacific
-- microstates differ). gwcode is NULL when the number is in neither Gleditsch-Ward list
-- (the iisystem and microstates files), so that no code is assumed to be GW's unchecked.
with mapped as (
    select
        s.ccode,
        s.year,
        coalesce(x.gwcode, s.ccode)               as mapped_gwcode,
        coalesce(x.capdist_code, x.gwcode, s.ccode) as capdist_code,
        x.note                                    as crosswalk_note
    from stg_system as s
    left join gw_cow_crosswalk as x
      on x.ccode = s.ccode
     and s.year between x.first_year and x.last_year
)
select
    ccode,
    year,
    case when mapped_gwcode in (select gwcode from stg_gw_states) then mapped_gwcode end as gwcode,
    capdist_code,
    crosswalk_note
from mapped
