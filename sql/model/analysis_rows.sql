-- The columns of one analysis table that a set of models reads (pipeline/model/sample.py,
-- which puts the rows in key order: that fixes the order of every floating-point sum over
-- them, and so the results, from run to run; the rows come as they are stored, almost in
-- that order, which costs less than sorting here). With `sample`, only the rows of one
-- model's sample (as the sample mask in sample.py defines it: within the outcome's
-- coverage, in its years, in its sample of dyads, not a continuing year it drops); the
-- mask is still applied to them.
-- columns: (quoted name, cast) pairs; cast for a type whose values numpy would not turn
-- into the doubles a cast gives. $1 and $2: the sample's first and last year, if it has them.
select
{%- for column, cast in columns %}
    {% if cast %}cast({{ column }} as double) as {{ column }}{% else %}{{ column }}{% endif %}
    {{- "," if not loop.last }}
{%- endfor %}
from {{ table }}
{%- if sample %}
where
    {{ sample.coverage }} is not null
    {%- if sample.years %}
    and year between $1 and $2
    {%- endif %}
    {%- if sample.politically_relevant %}
    and cast(politically_relevant as double) = 1
    {%- endif %}
    {%- if sample.ongoing %}
    -- A NULL ongoing flag is no continuing year (the mask's == 1 is false for NaN).
    and not coalesce(
        cast({{ sample.ongoing }} as double) = 1 and cast({{ sample.coverage }} as double) = 0, false
    )
    {%- endif %}
{%- endif %}
