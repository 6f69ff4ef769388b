-- expression_is_true: the rows on which the declared condition is false (NULL is not false).
{%- set condition %}not ({{ expression }}){% endset %}
select {{ shown }}
from {{ table }}
where {{ condition }}
