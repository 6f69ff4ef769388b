-- State-years in which a state entered or began a militarized dispute (sparse).
-- mid_entered: disputes the state entered that year (its first spell's start; a state
-- that left and came back enters once). mid_initiated: disputes that began that year with
-- the state an originator on side A.
with entries as (
    select
        dispnum,
        ccode,
        min(start_year)                                   as entry_year,
        bool_or(originator and side_a)                    as initiator
    from stg_mid_participants
    group by dispnum, ccode
)
select
    entries.ccode,
    entries.entry_year                                    as year,
    cast(count(*) as integer)                             as mid_entered,
    cast(count(*) filter (
        where entries.initiator and d.start_year = entries.entry_year
    ) as integer)                                         as mid_initiated
from entries
join stg_mid_disputes as d
  on d.dispnum = entries.dispnum
group by entries.ccode, entries.entry_year
