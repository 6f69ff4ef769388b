-- Every spell of a state's part in a dispute (MID 5.0, MIDB) that gives no dyad-year its
-- dispute, and why: a code no COW state has, or a state that was not a COW member in any
-- year of the spell. Dyad-years exist only for member pairs, so these rows would otherwise
-- drop one side of a dispute without a trace.
select
    participants.dispnum,
    participants.ccode,
    participants.stabb,
    participants.spell,
    participants.start_year,
    participants.end_year,
    case
        when participants.ccode not in (select states.ccode from stg_states as states)
            then 'code not in COW'
        else 'not a COW member in the spell''s years'
    end as reason
from stg_mid_participants as participants
where not exists (
    select 1
    from stg_system as system_years
    where
        system_years.ccode = participants.ccode
        and system_years.year between participants.start_year and participants.end_year
)
order by participants.dispnum, participants.ccode, participants.spell
