-- Every dispute-year of a pair in COW's Dyadic MIDs 4.02 (one row per dispute per unordered
-- pair per year, ccode1 < ccode2) that is no dyad-year here, and why, so that no row is
-- dropped silently (the war rule of int_war_dyads reads only pairs on opposite sides of a
-- COW war, which are dyad-years, but a row that is none says the codes disagree):
--   'code not in COW'             a state's code is no COW state's
--   'not a COW member that year'  a state was not a COW member that year
--   'no common day of membership' both were members that year, never on the same day
with pair_years as (
    select distinct
        dispnum,
        least(ccode1, ccode2)    as ccode1,
        greatest(ccode1, ccode2) as ccode2,
        year,
        war
    from stg_dyadic_mid
)
select
    d.dispnum,
    d.ccode1,
    d.ccode2,
    d.year,
    d.war,
    case
        when d.ccode1 not in (select ccode from stg_states)
          or d.ccode2 not in (select ccode from stg_states) then 'code not in COW'
        when s1.ccode is null or s2.ccode is null then 'not a COW member that year'
        else 'no common day of membership'
    end                                       as reason
from pair_years as d
left join int_dyad_panel_directed as panel
  on panel.ccode1 = d.ccode1
 and panel.ccode2 = d.ccode2
 and panel.year = d.year
left join stg_system as s1
  on s1.ccode = d.ccode1
 and s1.year = d.year
left join stg_system as s2
  on s2.ccode = d.ccode2
 and s2.year = d.year
where panel.ccode1 is null
order by d.ccode1, d.ccode2, d.year, d.dispnum
