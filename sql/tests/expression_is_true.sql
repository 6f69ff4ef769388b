-- expression_is_true: the rows on which the declared condition is false (NULL is not false).
select {{ shown }}
from {{ table }}
where not ({{ expression }})
