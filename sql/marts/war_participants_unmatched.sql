-- Every state's part in an interstate war (COW Inter-State War 4.0) that gives no
-- dyad-year or state-year its war, and why: a code no COW state has, or a state that was
-- not a COW member in any year of its part in the war (its first spell's years; the year
-- of a spell with an unknown end counts as its start year).
select
    wars.war_number,
    wars.war_name,
    wars.ccode,
    wars.state_name,
    wars.side,
    wars.start_year,
    wars.end_year,
    case
        when wars.ccode not in (select states.ccode from stg_states as states)
            then 'code not in COW'
        else 'not a COW member in its years of the war'
    end as reason
from stg_interstate_wars as wars
where not exists (
    select 1
    from stg_system as system_years
    where
        system_years.ccode = wars.ccode
        and system_years.year between wars.start_year and coalesce(wars.end_year, wars.start_year)
)
order by wars.war_number, wars.ccode, wars.side
