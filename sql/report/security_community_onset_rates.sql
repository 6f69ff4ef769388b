-- Dispute onsets within each security community (ec_eu: the European Communities and
-- Union; nato) while both states were members, beside the other jointly democratic pairs
-- and all pairs of the same years: one row per community and comparison group.
-- The years run from the community's first year with a member pair to the end of MID
-- coverage (mid_onset is NULL outside it), so each community is set against the world of
-- its own time. "All pairs" includes the members. Rates count dyad-years with at least
-- one onset, as the report's other onset rates do; onsets counts the disputes themselves.
WITH communities AS (
    SELECT 'ec_eu' AS community, min(year) FILTER (WHERE joint_ec_eu) AS first_year FROM dyad_years
    UNION ALL
    SELECT 'nato' AS community, min(year) FILTER (WHERE joint_nato) AS first_year FROM dyad_years
),
covered AS (
    SELECT
        communities.community,
        dyad.*,
        CASE communities.community WHEN 'ec_eu' THEN dyad.joint_ec_eu ELSE dyad.joint_nato END AS both_members
    FROM communities
    JOIN dyad_years AS dyad ON dyad.year >= communities.first_year
    WHERE dyad.mid_onset IS NOT NULL
),
compared AS (
    -- Each dyad-year counts in every group it belongs to: its own (members or other
    -- jointly democratic pairs, if either) and all pairs.
    SELECT
        *,
        unnest([
            CASE WHEN both_members THEN 'both_members' END,
            CASE WHEN joint_democracy AND NOT both_members THEN 'other_jointly_democratic' END,
            'all_pairs'
        ]) AS comparison
    FROM covered
)
SELECT
    community,
    comparison,
    count(*) AS dyad_years,
    count(*) FILTER (WHERE mid_onset) AS onset_years,
    coalesce(sum(mid_onset_count), 0) AS onsets,
    1000.0 * count(*) FILTER (WHERE mid_onset) / count(*) AS onsets_per_1000,
    count(*) FILTER (WHERE force_onset) AS force_onset_years,
    count(*) FILTER (WHERE fatal_onset) AS fatal_onset_years,
    count(*) FILTER (WHERE onset_hostlev_max = 5) AS war_onset_years,
    max(onset_hostlev_max) AS highest_hostility,
    min(year) AS first_year,
    max(year) AS last_year
FROM compared
WHERE comparison IS NOT NULL
GROUP BY community, comparison
ORDER BY
    community,
    CASE comparison WHEN 'both_members' THEN 1 WHEN 'other_jointly_democratic' THEN 2 ELSE 3 END;
