-- Miller's (2022) latent external territorial threat: one row per COW state-year,
-- 1816-2010. terrthreat is the posterior estimate weighting neighbours by distance between
-- capitals, with its standard deviation and 90% interval; the m_ estimate (minimum
-- distance weights) starts in 1885 and is kept only as it comes.
select
    cast(ccode as integer)                    as ccode,
    cast(year as integer)                     as year,
    cast(lterrthreat as double)               as terrthreat,
    cast(sd as double)                        as terrthreat_sd,
    cast(lwr as double)                       as terrthreat_lower,
    cast(upr as double)                       as terrthreat_upper,
    cast(m_lterrthreat as double)             as terrthreat_min_distance
from raw_territorial_threat
