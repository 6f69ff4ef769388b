-- Every state-year of the National Material Capabilities (6.0) that gives no COW
-- state-year its capabilities, and why: a code no COW state has, or a year in which the
-- state was not a COW member.
select
    capabilities.ccode,
    capabilities.stateabb,
    capabilities.year,
    capabilities.cinc,
    case
        when capabilities.ccode not in (select states.ccode from stg_states as states)
            then 'code not in COW'
        else 'not a COW member that year'
    end as reason
from stg_nmc as capabilities
where not exists (
    select 1
    from stg_system as system_years
    where system_years.ccode = capabilities.ccode and system_years.year = capabilities.year
)
order by capabilities.ccode, capabilities.year
