-- ATOP's state-year file rebuilt from its member file: one row per state and year in
-- which the state was a member of at least one alliance on at least one day, with the
-- alliances and the state's own obligations that year in any of them (from
-- int_atop_member_years). Like ATOP's file, it leaves out the one member that is no COW
-- state (8152, Annam; see atop_members_unmatched). atop_state_year_mismatches compares
-- this with the published file.
select
    ccode,
    year,
    list(atopid order by atopid)              as atopids,
    bool_or(defense)                          as defense,
    bool_or(offense)                          as offense,
    bool_or(neutral)                          as neutral,
    bool_or(nonagg)                           as nonagg,
    bool_or(consul)                           as consul
from int_atop_member_years
where ccode in (select ccode from stg_states)
group by ccode, year
