-- The stored models' figures a regression table prints, by model, in battery order.
SELECT
    model_id,
    { 'label': label, 'n': n, 'n_events': n_events, 'loglik': loglik, 'se_type': se_type } AS figures
FROM model_results
ORDER BY position
