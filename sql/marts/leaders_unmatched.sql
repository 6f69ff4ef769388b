-- Every Archigos leader spell-year, within the years of the COW membership data, that no
-- COW state-year takes, with the reason, so that no leader is lost silently:
--   'GW number never a COW state-year'  no COW state-year has this Gleditsch-Ward number
--   'no COW state-year with this GW number that year'  the number is some COW state's in
--                                       other years (a state out of the COW system then)
with spell_years as (
    select
        spell_id,
        gwcode,
        leader,
        cast(unnest(range(year(start_date), year(end_date) + 1)) as integer) as year
    from stg_archigos_leaders
),
mapped as (
    select distinct gwcode, year
    from int_gw_state_years
    where gwcode is not null
)
select
    s.gwcode,
    s.spell_id,
    s.leader,
    s.year,
    case
        when s.gwcode not in (select gwcode from mapped) then 'GW number never a COW state-year'
        else 'no COW state-year with this GW number that year'
    end                                       as reason
from spell_years as s
left join mapped as m
  on m.gwcode = s.gwcode
 and m.year = s.year
where m.gwcode is null
  and s.year between (select min(year) from stg_system) and (select max(year) from stg_system)
order by s.gwcode, s.year, s.spell_id
