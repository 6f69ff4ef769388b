-- Distances between capitals by ordered pair of capdist numbers, one row per pair:
-- capdist's pairs listed twice (under two names for one number) are collapsed, and
-- distinct_distances counts the distances they gave (1 when they agree, as in capdist 2017).
select
    numa,
    numb,
    min(kmdist)                               as kmdist,
    count(distinct kmdist)                    as distinct_distances
from stg_capdist
where numa <> numb
group by numa, numb
