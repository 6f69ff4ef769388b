-- One row per COW member state per year of membership, 1816 to the end of the membership
-- data, with its regime (Polity5, mapped to COW codes), capabilities (NMC), major-power
-- status and membership of the EC/EU and NATO. A state that left the system and came back
-- (Germany 1946-1989) has no rows for the years it was out.
select
    s.ccode,
    s.year,
    s.stateabb,
    spell.statenme,
    p.polity2,
    p.polity,
    p.polity_special,
    p.democ,
    p.autoc,
    n.cinc,
    m.ccode is not null                       as major_power,
    coalesce(community.ec_eu_member, false)   as ec_eu_member,
    coalesce(community.nato_member, false)    as nato_member
from stg_system as s
left join stg_states as spell
  on spell.ccode = s.ccode
 and s.year between spell.start_year and spell.end_year
left join int_polity_state_years as p
  on p.ccode = s.ccode
 and p.year = s.year
left join stg_nmc as n
  on n.ccode = s.ccode
 and n.year = s.year
left join int_major_power_years as m
  on m.ccode = s.ccode
 and m.year = s.year
left join int_community_state_years as community
  on community.ccode = s.ccode
 and community.year = s.year
order by s.ccode, s.year
