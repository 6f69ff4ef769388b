-- accepted_range: the rows whose column lies outside [min, max]. A NULL bound leaves that
-- side open; a NULL value is not checked (declare not_null for that).
select {{ shown }}
from {{ table }}
where {{ column }} < {{ min_value }} or {{ column }} > {{ max_value }}
