-- The number of rows of one table ({{ table }}: its quoted name, checked against the catalog).
SELECT count(*) AS row_count FROM {{ table }}
