-- Each column of one analysis table ($1) and its DuckDB type: the model stage checks
-- that every column a model names is there, and reads each by its type.
select
    column_name,
    data_type
from information_schema.columns
where table_name = $1
