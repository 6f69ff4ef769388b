-- The share of dyads that are jointly democratic, year by year, among the dyads whose
-- two states both have a Polity score (every year of COW membership, not only MID years).
SELECT
    year,
    count(*) AS dyad_years,
    count(joint_democracy) AS dyad_years_known,
    count(*) FILTER (WHERE joint_democracy) AS jointly_democratic,
    count(*) FILTER (WHERE joint_democracy) / nullif(count(joint_democracy), 0) AS share_jointly_democratic
FROM dyad_years
GROUP BY year
ORDER BY year;
