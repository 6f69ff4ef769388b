-- One row per state per calendar year in which it was a member of the EC/EU or NATO on at
-- least one day (membership counts from the day it took effect), up to the last year of
-- the COW membership data; ec_eu_member and nato_member say which. A state-year absent
-- here belongs to neither.
with last_year as (
    select max(year) as last_year
    from stg_system
),
member_years as (
    select
        spell.community,
        spell.ccode,
        unnest(range(
            year(spell.member_from),
            least(coalesce(year(spell.member_until), last_year.last_year), last_year.last_year) + 1
        ))                                    as year
    from int_community_membership_spells as spell
    cross join last_year
)
select
    ccode,
    cast(year as integer)                     as year,
    bool_or(community = 'ec_eu')              as ec_eu_member,
    bool_or(community = 'nato')               as nato_member
from member_years
group by ccode, year
