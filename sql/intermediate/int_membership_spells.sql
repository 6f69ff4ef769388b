-- COW membership spells (stg_states) as date ranges, the basis of the true dyad-year rule.
-- COW writes -9 for an unknown day or month (NULL in stg_states). The rule for them is
-- the widest reading: an unknown start day is the first of the month (of January when the
-- month is unknown too), an unknown end day the last of the month (31 December when the
-- month is unknown too). A spell then covers every day it may have covered, so a pair is
-- dropped from a year only when the known dates show that the two never overlapped, the
-- same benefit of the doubt system2016 gives by counting any part of a year.
-- states2016 has no unknown day or month; the rule is there for other versions.
select
    ccode,
    start_year,
    end_year,
    make_date(start_year, coalesce(start_month, 1), coalesce(start_day, 1)) as start_date,
    case
        when end_day is not null then make_date(end_year, end_month, end_day)
        else last_day(make_date(end_year, coalesce(end_month, 12), 1))
    end                                                                     as end_date,
    start_month is null or start_day is null
        or end_month is null or end_day is null                             as has_unknown_date
from stg_states
