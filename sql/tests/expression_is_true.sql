-- expression_is_true: the rows of {table} on which the declared condition is false
-- (NULL counts as not false).
select {shown}
from {table}
where not ({expression})
