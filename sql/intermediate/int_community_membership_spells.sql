-- One row per spell of a state's membership in a security community: 'ec_eu' (the
-- European Communities and Union, seed ec_eu_membership) and 'nato' (seed
-- nato_membership). member_from is the day membership took effect, member_until the last
-- day as a member (NULL while it lasts). The German Federal Republic's spells (COW 260)
-- end on 2 October 1990 and unified Germany's (COW 255) begin on 3 October 1990, the
-- days COW ends and resumes those codes.
select
    'ec_eu'                                   as community,
    cast(ccode as integer)                    as ccode,
    cast(member_from as date)                 as member_from,
    cast(member_until as date)                as member_until
from ec_eu_membership
union all
select
    'nato'                                    as community,
    cast(ccode as integer)                    as ccode,
    cast(member_from as date)                 as member_from,
    cast(member_until as date)                as member_until
from nato_membership
