-- Directed dyad-years in which the two states were at war with each other (sparse: the
-- marts fill in the rest): every calendar year of a stretch in which they fought each
-- other (int_war_dyads), so a pair is not at war in the years between a state's two
-- spells. war_onset: a war between them began that year. war_number, war_name and
-- war_battle_deaths describe one war: the one that began that year if any, else the
-- earliest begun (lowest number on a tie); war_count says how many were ongoing.
with war_years as (
    select distinct
        war_number,
        war_name,
        ccode1,
        ccode2,
        onset_year,
        battle_deaths,
        unnest(range(overlap_start_year, overlap_end_year + 1)) as year
    from int_war_dyads
)
select
    ccode1,
    ccode2,
    cast(year as integer)                                                           as year,
    bool_or(year = onset_year)                                                      as war_onset,
    cast(count(*) as integer)                                                       as war_count,
    first(war_number order by year = onset_year desc, onset_year, war_number asc)      as war_number,
    first(war_name order by year = onset_year desc, onset_year, war_number asc)        as war_name,
    first(battle_deaths order by year = onset_year desc, onset_year, war_number asc)   as war_battle_deaths
from war_years
group by ccode1, ccode2, year
