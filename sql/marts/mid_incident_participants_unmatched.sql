-- Every state's part in a militarized incident (MID 5.0, MIDIP) that gives no dyad-year
-- its level, and why: a code no COW state has, or a state that was not a COW member in any
-- year of the incident. A pair's own hostility comes from the incidents in which the two
-- met, so these rows would otherwise change it without a trace.
select
    participants.dispnum,
    participants.incidnum,
    participants.ccode,
    participants.stabb,
    participants.start_year,
    participants.end_year,
    case
        when participants.ccode not in (select states.ccode from stg_states as states)
            then 'code not in COW'
        else 'not a COW member in the incident''s years'
    end as reason
from stg_mid_incident_participants as participants
where not exists (
    select 1
    from stg_system as system_years
    where
        system_years.ccode = participants.ccode
        and system_years.year between participants.start_year and participants.end_year
)
order by participants.dispnum, participants.incidnum, participants.ccode
