-- The columns the analysis tables hold in this build, so that the report shows a section
-- only when the data behind it were built (alliance, war, BMR and monadic columns arrive
-- with later builds; an older database lacks them; measure_coverage feeds the coverage
-- caveat's table of unscored dyad-years).
SELECT
    table_name,
    column_name
FROM information_schema.columns
WHERE table_schema = 'main'
  AND table_name IN ('state_years', 'dyad_years', 'dyad_years_directed', 'measure_coverage')
ORDER BY table_name, ordinal_position;
