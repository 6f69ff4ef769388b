-- unique: the values of ({columns}) that more than one row of {table} holds.
select
    {columns},
    count(*) as rows_with_these_values
from {table}
group by all
having count(*) > 1
