-- Every row of ATOP's member file left out of the alliance columns because its member
-- code is no COW state (ATOP's own dyad files leave these out too), so that nothing is
-- dropped silently.
select
    atopid,
    ccode                                     as atop_ccode,
    phase,
    entry_date,
    exit_date,
    'code not in COW'                         as reason
from stg_atop_members
where ccode not in (select ccode from stg_states)
order by atop_ccode, atopid, phase
