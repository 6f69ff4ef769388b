-- not_null: the rows of {table} whose {column} is NULL.
select {shown}
from {table}
where {column} is null
