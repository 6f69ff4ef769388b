-- The build's check on the dyad-year tables: for each year, the number of member states
-- n and of member pairs that never shared a day (member_pairs_without_common_day), and
-- the rows of dyad_years and dyad_years_directed against n(n-1)/2 and n(n-1) less those
-- pairs (once, and twice directed). The build fails if any year's counts differ.
with members as (
    select year, count(*) as member_states
    from state_years
    group by year
),
apart as (
    select year, count(*) as pairs_without_common_day
    from member_pairs_without_common_day
    group by year
),
undirected as (
    select year, count(*) as dyad_years
    from dyad_years
    group by year
),
directed as (
    select year, count(*) as dyad_years_directed
    from dyad_years_directed
    group by year
)
select
    members.year,
    members.member_states,
    coalesce(apart.pairs_without_common_day, 0)                  as pairs_without_common_day,
    coalesce(undirected.dyad_years, 0)                           as dyad_years,
    members.member_states * (members.member_states - 1) // 2
        - coalesce(apart.pairs_without_common_day, 0)            as expected_dyad_years,
    coalesce(directed.dyad_years_directed, 0)                    as dyad_years_directed,
    members.member_states * (members.member_states - 1)
        - 2 * coalesce(apart.pairs_without_common_day, 0)        as expected_dyad_years_directed
from members
left join apart on apart.year = members.year
left join undirected on undirected.year = members.year
left join directed on directed.year = members.year
order by members.year
