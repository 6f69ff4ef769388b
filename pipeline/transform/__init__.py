"""Build: run the SQL models in sql/ over the raw tables into data/peace.duckdb."""
