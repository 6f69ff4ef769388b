-- Each column of one table or view ($1) and its DuckDB type, in the table's order: the
-- model stage and the curve check that every column they name is there (the model reads
-- each by its type), and `dpeace describe` lists them.
SELECT
    column_name,
    data_type
FROM information_schema.columns
WHERE table_schema = 'main' AND table_catalog = current_database() AND table_name = $1
ORDER BY ordinal_position
