-- Tables the model stage adds to the database: the same numbers as data/model_results.json,
-- for the report and for ad hoc SQL. Recreated on every `dpeace model`, which then comments
-- them from their entries in sql/schema.yml.

CREATE OR REPLACE TABLE model_results (
    model_id          VARCHAR PRIMARY KEY,
    position          INTEGER NOT NULL,   -- order in the battery (pipeline/model/battery.toml)
    is_main           BOOLEAN NOT NULL,
    label             VARCHAR NOT NULL,
    description       VARCHAR NOT NULL,
    estimator         VARCHAR NOT NULL,   -- logit | firth_logit
    outcome           VARCHAR NOT NULL,
    democracy_term    VARCHAR NOT NULL,
    controls          VARCHAR[] NOT NULL,
    sample            VARCHAR NOT NULL,
    ongoing           VARCHAR NOT NULL,   -- drop | keep the years a dispute continues
    year_first        INTEGER,
    year_last         INTEGER,
    n_sample          BIGINT NOT NULL,    -- rows in the sample before incomplete cases are dropped
    n_dropped_missing BIGINT NOT NULL,
    n                 BIGINT NOT NULL,    -- rows used
    n_events          BIGINT NOT NULL,
    n_clusters        BIGINT NOT NULL,    -- dyads
    loglik            DOUBLE,
    aic               DOUBLE,
    pseudo_r2         DOUBLE,             -- McFadden
    converged         BOOLEAN NOT NULL,
    separation        BOOLEAN NOT NULL,
    warnings          VARCHAR[] NOT NULL,
    se_type           VARCHAR NOT NULL,
    analysis_table    VARCHAR NOT NULL,   -- dyad_years | dyad_years_directed | state_years
    build_id          VARCHAR             -- build_info.build_id of the database the models were fitted on
);

CREATE OR REPLACE TABLE model_terms (
    model_id   VARCHAR NOT NULL,
    term       VARCHAR NOT NULL,          -- 'const' is the intercept
    coef       DOUBLE,
    se         DOUBLE,                    -- clustered by dyad
    z          DOUBLE,
    p          DOUBLE,
    ci_low     DOUBLE,                    -- 95%
    ci_high    DOUBLE,
    odds_ratio DOUBLE,
    or_ci_low  DOUBLE,
    or_ci_high DOUBLE,
    PRIMARY KEY (model_id, term)
);

-- Each term's standard error under every covariance its model carries (the `covariance`
-- names of pipeline/model/covariance.py); model_terms.se is the 'clustered' one.
CREATE OR REPLACE TABLE model_standard_errors (
    model_id   VARCHAR NOT NULL,
    term       VARCHAR NOT NULL,
    covariance VARCHAR NOT NULL,          -- clustered (by dyad, or by state in a monadic model)
    se         DOUBLE,
    PRIMARY KEY (model_id, term, covariance)
);

CREATE OR REPLACE TABLE model_effects (
    model_id VARCHAR NOT NULL,
    quantity VARCHAR NOT NULL,            -- p_democratic | p_other | ratio
    estimate DOUBLE,
    ci_low   DOUBLE,                      -- 95%, from simulation
    ci_high  DOUBLE,
    PRIMARY KEY (model_id, quantity)
);
