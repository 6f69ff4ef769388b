-- not_null: the rows whose column is NULL.
select {{ shown }}
from {{ table }}
where {{ column }} is null
