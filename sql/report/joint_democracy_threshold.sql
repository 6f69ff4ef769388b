-- The Polity2 score at or above which the build counted a state as a democracy
-- (sql/seeds/analysis_settings.csv), so the report states the threshold the data used.
SELECT CAST(value AS INTEGER) AS joint_democracy_threshold
FROM analysis_settings
WHERE setting = 'joint_democracy_threshold'
