-- accepted_values: the values of {table}.{column} outside the accepted ones (NULL is not
-- checked: declare not_null for that).
select
    {column},
    count(*) as rows_with_this_value
from {table}
where {column} not in ({values})
group by all
