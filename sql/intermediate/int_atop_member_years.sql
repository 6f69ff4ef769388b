-- One row per ATOP alliance, member and year in which the membership was in effect on at
-- least one day (entry and exit days included; a membership still in effect at the end of
-- ATOP's data runs to atop_last_year), with the member's obligations in that alliance that
-- year. When the member's alliance changes phase within a year, the obligations are those
-- of the latest phase in effect that year (by entry date), ATOP's own convention: its
-- state-year file gives, e.g., Guatemala (90) in alliance 1362 in 1888 only the defence
-- obligation of the phase beginning 24 November, not the neutrality one of the phase
-- ending that day. Every ATOP member is kept here, COW state or not.
with settings as (
    select cast(value as integer) as atop_last_year
    from analysis_settings
    where setting = 'atop_last_year'
),
phase_years as (
    select
        m.atopid,
        m.ccode,
        cast(unnest(range(m.entry_year, coalesce(m.exit_year, settings.atop_last_year) + 1)) as integer)
            as year,
        m.entry_date,
        m.phase,
        m.defense,
        m.offense,
        m.neutral,
        m.nonagg,
        m.consul
    from stg_atop_members as m
    cross join settings
)
select
    atopid,
    ccode,
    year,
    arg_max(defense, (entry_date, phase))     as defense,
    arg_max(offense, (entry_date, phase))     as offense,
    arg_max(neutral, (entry_date, phase))     as neutral,
    arg_max(nonagg, (entry_date, phase))      as nonagg,
    arg_max(consul, (entry_date, phase))      as consul
from phase_years
group by atopid, ccode, year
