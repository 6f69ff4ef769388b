-- Every Gibler-Miller-Little dispute-year of a pair (one row per unordered pair, ccode1 <
-- ccode2) that is no dyad-year here, and why, so that no GML row is dropped silently:
--   'code not in COW'             a state's code is no COW state's
--   'not a COW member that year'  a state was not a COW member that year
--   'no common day of membership' both were members that year, never on the same day
select
    g.dispnum,
    g.ccode1,
    g.ccode2,
    g.year,
    g.onset,
    case
        when g.ccode1 not in (select ccode from stg_states)
          or g.ccode2 not in (select ccode from stg_states) then 'code not in COW'
        when s1.ccode is null or s2.ccode is null then 'not a COW member that year'
        else 'no common day of membership'
    end                                       as reason
from stg_gml_participant_dyads as g
left join int_dyad_panel_directed as panel
  on panel.ccode1 = g.ccode1
 and panel.ccode2 = g.ccode2
 and panel.year = g.year
left join stg_system as s1
  on s1.ccode = g.ccode1
 and s1.year = g.year
left join stg_system as s2
  on s2.ccode = g.ccode2
 and s2.year = g.year
where g.ccode1 < g.ccode2
  and panel.ccode1 is null
order by g.ccode1, g.ccode2, g.year, g.dispnum
