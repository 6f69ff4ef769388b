-- Which cited methods the stored models use: peace-year controls (Beck, Katz and Tucker
-- 1998), Firth's logit (Firth 1993), the politically relevant sample (Maoz and Russett 1993).
SELECT
    bool_or(list_contains(controls, 'peace_years')) AS peace_years,
    bool_or(estimator = 'firth_logit') AS firth_logit,
    bool_or(sample LIKE 'politically relevant%') AS politically_relevant
FROM model_results
