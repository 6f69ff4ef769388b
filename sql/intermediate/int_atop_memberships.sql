-- ATOP memberships of COW states, one row per member per alliance phase, each with the
-- last day it covers: its exit date, or for a membership still in effect (yrexit 0) the
-- last day of ATOP's data (atop_last_year in analysis_settings). Both the entry and the
-- exit day count as days of membership: ATOP's own state-year file lists the exit year
-- even when the exit falls on 1 January (US-Taiwan, alliance 3270, to 1 January 1980:
-- 1980 listed for both). Members whose code is no COW state (8152, Annam) are left out;
-- atop_members_unmatched lists them.
with settings as (
    select cast(value as integer) as atop_last_year
    from analysis_settings
    where setting = 'atop_last_year'
)
select
    m.atopid,
    m.ccode,
    m.phase,
    m.entry_date,
    coalesce(m.exit_date, make_date(settings.atop_last_year, 12, 31)) as last_date
from stg_atop_members as m
cross join settings
where m.ccode in (select ccode from stg_states)
