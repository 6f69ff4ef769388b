-- Which states lack a Polity2 score, and in which years, within the years the MID data
-- cover: every state-year without one leaves all of that state's dyad-years out of the
-- models. One row per state, the states missing the most years first.
WITH covered AS (
    SELECT min(year) AS first_year, max(year) AS last_year
    FROM dyad_years
    WHERE mid_onset IS NOT NULL
)

SELECT
    state.ccode,
    any_value(state.statenme ORDER BY state.year DESC) AS state_name,
    count(*) FILTER (WHERE state.polity2 IS NULL) AS years_without_polity,
    count(*) AS member_years,
    min(state.year) FILTER (WHERE state.polity2 IS NULL) AS first_year_without,
    max(state.year) FILTER (WHERE state.polity2 IS NULL) AS last_year_without,
    count(*) FILTER (WHERE state.polity2 IS NULL AND state.polity_special IS NOT NULL) AS special_code_years
FROM state_years AS state, covered
WHERE state.year BETWEEN covered.first_year AND covered.last_year
GROUP BY state.ccode
HAVING count(*) FILTER (WHERE state.polity2 IS NULL) > 0
ORDER BY years_without_polity DESC, state.ccode ASC;
