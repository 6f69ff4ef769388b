-- row_count: every row of the table when their count lies outside [min, max] (so that a
-- failure shows the rows, such as unmatched ones, that broke the bound). A NULL bound
-- leaves that side open.
select *
from {{ table }}
where
    (select count(*) from {{ table }}) < {{ min_value }}
    or (select count(*) from {{ table }}) > {{ max_value }}
