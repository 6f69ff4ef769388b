-- Every table and view of the database (its main schema), with its kind (BASE TABLE |
-- VIEW): `dpeace tables`, and each check that a table exists before it is read.
SELECT
    table_name,
    table_type
FROM information_schema.tables
WHERE table_schema = 'main' AND table_catalog = current_database()
ORDER BY table_name
