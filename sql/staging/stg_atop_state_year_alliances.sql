-- ATOP 5.1 state-year file (atop5_1sy), its atopid1..atopid59 columns as rows: one row
-- per state, year and alliance the state was a member of that year, as ATOP lists them.
select
    cast(state as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(atopid as integer)                   as atopid
from (
    unpivot raw_atop_state_years
    on columns('^atopid[0-9]+$')
    into name position value atopid
)
