-- One row per COW state-year per leader in office on at least one day of it (Archigos 4.1),
-- 1840 on. Archigos codes states by Gleditsch-Ward number: a spell joins each COW state-year
-- whose GW number (int_gw_state_years, through sql/seeds/gw_cow_crosswalk.csv) is the
-- spell's, so unified Germany's (COW 255 from 1990) leaders are GW 260's, and Serbia's
-- after 2006 (COW 345) GW 340's. Spell-years with no COW state-year are listed with the
-- reason in leaders_unmatched.
-- days_in_office counts the spell's days within the year (first and last day included);
-- tenure_years is the time from the spell's first day to its last day within the year, in
-- years of 365.25 days; at_year_end marks the leader in office on the year's last day
-- that state_years takes as the year's leader (the later start when two are).
with spell_years as (
    select
        g.ccode,
        g.year,
        l.gwcode,
        l.spell_id,
        l.leader_id,
        l.leader,
        l.start_date,
        l.end_date,
        l.entry,
        l.exit,
        greatest(l.start_date, make_date(g.year, 1, 1))  as first_day,
        least(l.end_date, make_date(g.year, 12, 31))     as last_day
    from stg_archigos_leaders as l
    join int_gw_state_years as g
      on g.gwcode = l.gwcode
     and g.year between year(l.start_date) and year(l.end_date)
),
ranked as (
    select
        *,
        row_number() over (
            partition by ccode, year order by last_day desc, start_date desc, spell_id asc
        )                                     as order_at_year_end
    from spell_years
)
select
    ccode,
    year,
    gwcode,
    spell_id,
    leader_id,
    leader,
    start_date,
    end_date,
    entry,
    exit,
    date_diff('day', first_day, last_day) + 1          as days_in_office,
    date_diff('day', start_date, last_day) / 365.25    as tenure_years,
    order_at_year_end = 1                              as at_year_end
from ranked
order by ccode, year, start_date, spell_id
