-- ATOP 5.1 member-level file (atop5_1m): one row per member state per alliance phase
-- (a member can have several rows in one alliance). Dates are the member's entry
-- (signature) and exit; yrexit 0 means the membership was still in effect at the end of
-- ATOP's data (exit_date NULL, in_effect_at_end true). ATOP leaves unknown days blank: an
-- unknown entry day is taken as the month's first day and an unknown exit day as its
-- last, the widest reading (5 entry and 31 exit days; no month is unknown). The
-- obligation flags are the member's own (member-level, not exclusive).
select
    cast(atopid as integer)                                     as atopid,
    cast(member as integer)                                     as ccode,
    cast(phase as integer)                                      as phase,
    cast(yrent as integer)                                      as entry_year,
    make_date(cast(yrent as integer), cast(moent as integer), coalesce(cast(dayent as integer), 1))
                                                                as entry_date,
    cast(yrexit as integer) = 0                                 as in_effect_at_end,
    case when cast(yrexit as integer) <> 0 then cast(yrexit as integer) end
                                                                as exit_year,
    case when cast(yrexit as integer) <> 0 then
        case when dayexit is null
             then last_day(make_date(cast(yrexit as integer), cast(moexit as integer), 1))
             else make_date(cast(yrexit as integer), cast(moexit as integer), cast(dayexit as integer))
        end
    end                                                         as exit_date,
    defense = '1'                                               as defense,
    offense = '1'                                               as offense,
    neutral = '1'                                               as neutral,
    nonagg = '1'                                                as nonagg,
    consul = '1'                                                as consul,
    version
from raw_atop_members
