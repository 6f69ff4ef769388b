-- One row per ordered pair of states per calendar year in which the two were members of
-- the same community (EC/EU or NATO) on at least one common day, up to the last year of
-- the COW membership data; joint_ec_eu and joint_nato say which. Two states that were
-- members in the same year but never on the same day (the German Federal Republic until
-- 2 October 1990, unified Germany from 3 October) are not a joint pair that year.
with last_year as (
    select max(year) as last_year
    from stg_system
),
shared_spells as (
    -- The days both were members: from the later entry to the earlier exit.
    select
        a.community,
        a.ccode                               as ccode1,
        b.ccode                               as ccode2,
        greatest(a.member_from, b.member_from) as shared_from,
        least(coalesce(a.member_until, date '9999-12-31'),
              coalesce(b.member_until, date '9999-12-31')) as shared_until
    from int_community_membership_spells as a
    join int_community_membership_spells as b
      on a.community = b.community
     and a.ccode <> b.ccode
),
shared_years as (
    select
        shared.community,
        shared.ccode1,
        shared.ccode2,
        unnest(range(
            year(shared.shared_from),
            least(year(shared.shared_until), last_year.last_year) + 1
        ))                                    as year
    from shared_spells as shared
    cross join last_year
    where shared.shared_from <= shared.shared_until
)
select
    ccode1,
    ccode2,
    cast(year as integer)                     as year,
    bool_or(community = 'ec_eu')              as joint_ec_eu,
    bool_or(community = 'nato')               as joint_nato
from shared_years
group by ccode1, ccode2, year
