-- One stored model's ($1) terms, in the order the model stage stored them.
SELECT
    term,
    coef,
    se,
    p
FROM model_terms
WHERE model_id = $1
ORDER BY rowid
