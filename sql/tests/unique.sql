-- unique: the values of the key columns that more than one row of the table holds.
select
    {{ columns }},
    count(*) as rows_with_these_values
from {{ table }}
group by all
having count(*) > 1
