-- Directed dyad-years in which the two states were at war with each other (sparse: the
-- marts fill in the rest): every calendar year of a stretch in which they fought each
-- other (int_war_dyads), so a pair is not at war in the years between a state's two
-- spells. war_onset: a war between them began that year. war_number, war_name and
-- war_battle_deaths describe one war: the one that began that year if any, else the
-- earliest begun (lowest number on a tie); war_count says how many were ongoing. All of
-- these count only the wars the two fought each other (int_war_dyads.fought); a war in
-- which they were only nominal co-belligerents gives nominal_war_onset and
-- nominal_war_number instead (a row with war_count 0 when it is the pair's only war). A
-- pair that fought only in a later stretch of a war (a state's second spell) has its war
-- onset in the first stretch it fought, its nominal onset in the first stretch.
with stretches as (
    select
        *,
        case
            when fought then min(case when fought then overlap_start_year end)
                over (partition by war_number, ccode1, ccode2)
            else onset_year
        end                                                         as counted_onset_year
    from int_war_dyads
),
war_years as (
    select distinct
        war_number,
        fought,
        war_name,
        ccode1,
        ccode2,
        counted_onset_year                                          as onset_year,
        battle_deaths,
        unnest(range(overlap_start_year, overlap_end_year + 1)) as year
    from stretches
)
select
    ccode1,
    ccode2,
    cast(year as integer)                                                           as year,
    coalesce(bool_or(year = onset_year) filter (where fought), false)               as war_onset,
    cast(count(*) filter (where fought) as integer)                                 as war_count,
    first(war_number order by year = onset_year desc, onset_year, war_number asc)
        filter (where fought)                                                       as war_number,
    first(war_name order by year = onset_year desc, onset_year, war_number asc)
        filter (where fought)                                                       as war_name,
    first(battle_deaths order by year = onset_year desc, onset_year, war_number asc)
        filter (where fought)                                                       as war_battle_deaths,
    coalesce(bool_or(year = onset_year) filter (where not fought), false)           as nominal_war_onset,
    first(war_number order by year = onset_year desc, onset_year, war_number asc)
        filter (where not fought)                                                   as nominal_war_number
from war_years
group by ccode1, ccode2, year
