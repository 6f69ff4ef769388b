-- What the Boix-Miller-Rosato measure recovers where Polity has no score, over the
-- dyad-years of the main model's sample before its controls (MID years, no continuing
-- dispute years): how many lack joint democracy by Polity, how many of those BMR scores,
-- and their dispute onsets. Needs the BMR columns of dyad_years.
SELECT
    count(*) FILTER (WHERE joint_democracy IS NULL) AS without_polity,
    count(*) FILTER (WHERE joint_democracy IS NULL AND joint_democracy_bmr IS NOT NULL) AS scored_by_bmr,
    count(*) FILTER (WHERE joint_democracy IS NULL AND mid_onset) AS onsets_without_polity,
    count(*) FILTER (
        WHERE joint_democracy IS NULL AND joint_democracy_bmr IS NOT NULL AND mid_onset
    ) AS onsets_scored_by_bmr,
    count(*) FILTER (
        WHERE joint_democracy IS NULL AND joint_democracy_bmr AND mid_onset
    ) AS democratic_onsets_by_bmr
FROM dyad_years
WHERE mid_onset IS NOT NULL
  AND NOT (mid_ongoing AND NOT mid_onset);
