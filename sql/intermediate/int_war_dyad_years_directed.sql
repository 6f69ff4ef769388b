-- Directed dyad-years in which the two states were at war with each other (sparse: the
-- marts fill in the rest). A war is ongoing for the pair in every calendar year from its
-- onset_year to its end_year (int_war_dyads). war_onset: a war between them began that
-- year. war_number, war_name and war_battle_deaths describe one war: the one that began
-- that year if any, else the earliest begun (lowest number on a tie); two wars at once
-- between the same pair are rare (war_count says how many).
with war_years as (
    select *, year = onset_year as is_onset
    from (
        select *, unnest(range(onset_year, end_year + 1)) as year
        from int_war_dyads
    )
)
select
    ccode1,
    ccode2,
    cast(year as integer)                                                   as year,
    bool_or(is_onset)                                                       as war_onset,
    cast(count(*) as integer)                                               as war_count,
    first(war_number order by is_onset desc, onset_year, war_number)        as war_number,
    first(war_name order by is_onset desc, onset_year, war_number)          as war_name,
    first(battle_deaths order by is_onset desc, onset_year, war_number)     as war_battle_deaths
from war_years
group by ccode1, ccode2, year
