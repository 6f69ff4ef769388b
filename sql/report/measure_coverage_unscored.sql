-- How many dyad-years, and dyad-years with a dispute onset, each dyad-level measure leaves
-- unscored (from measure_coverage, the build's count), for the coverage caveat: the
-- measures' own rows, not the rows that count one measure within another's gaps.
SELECT
    measure,
    description,
    total,
    total - covered                         AS unscored,
    onsets,
    onsets - onsets_covered                 AS onsets_unscored
FROM measure_coverage
WHERE unit = 'dyad-years'
  AND measure NOT LIKE '% where %'
ORDER BY unscored, measure;
