-- The specification curve (`dpeace curve`): one row per specification of the grid in
-- pipeline/model/curve_grid.toml, the same numbers as data/specification_curve.json.
-- Recreated on every `dpeace curve`. Estimates are of the democracy term, with
-- dyadic-robust standard errors (Aronow, Samii and Assenova 2015) and the dyad-clustered
-- ones beside them; they are NULL when the specification could not be fitted (see
-- reason). A separated specification is refitted by Firth's penalised logit and kept
-- (estimator firth_logit, separation true), with the penalised likelihood-ratio test of its
-- democracy term (Heinze and Schemper 2002), which takes the dyad-years as independent.

CREATE OR REPLACE TABLE specification_curve (
    position         INTEGER PRIMARY KEY,  -- order of the grid's expansion
    spec_id          VARCHAR NOT NULL,     -- the levels' ids, in the order of the columns below
    democracy        VARCHAR NOT NULL,     -- democracy level id (polity2_ge_<k>, weak_link, joint_bmr)
    timing           VARCHAR NOT NULL,     -- same_year | lagged (the democracy term's year)
    reference        VARCHAR NOT NULL,     -- all | autocracies | mixed (the pairs compared)
    outcome          VARCHAR NOT NULL,
    sample           VARCHAR NOT NULL,
    controls         VARCHAR NOT NULL,
    temporal         VARCHAR NOT NULL,     -- cubic | spline | cubic_since_onset | none (peace years)
    time_effects     VARCHAR NOT NULL,     -- none | decade (period effects)
    ongoing          VARCHAR NOT NULL,     -- drop | keep the years a dispute continues
    era              VARCHAR NOT NULL,     -- all | the era's id (the years of its rows: curve_grid.toml)
    democracy_column VARCHAR NOT NULL,     -- the dyad_years column the democracy term comes from
    is_main          BOOLEAN NOT NULL,     -- the grid's main specification
    estimator        VARCHAR,              -- logit | firth_logit (NULL when not fitted)
    estimate         DOUBLE,               -- coefficient of the democracy term (log odds)
    se               DOUBLE,               -- dyadic-robust
    ci_low           DOUBLE,               -- 95% normal interval, dyadic-robust
    ci_high          DOUBLE,
    p                DOUBLE,               -- two-sided, dyadic-robust
    se_dyad_clustered DOUBLE,              -- clustered by dyad
    p_dyad_clustered DOUBLE,               -- two-sided, clustered by dyad
    p_penalized_lr   DOUBLE,               -- Firth rows: penalised likelihood-ratio p (else NULL)
    n                BIGINT NOT NULL,      -- rows in the estimation sample
    events           BIGINT NOT NULL,
    n_clusters       BIGINT NOT NULL,      -- dyads
    fitted           BOOLEAN NOT NULL,     -- an estimate exists (converged, no separation)
    converged        BOOLEAN,              -- NULL when no fit was attempted
    separation       BOOLEAN NOT NULL,
    iterations       INTEGER,              -- Newton steps (NULL when no fit was attempted)
    reason           VARCHAR,              -- why not fitted; NULL when fitted
    build_id         VARCHAR NOT NULL      -- the build (table build_info) the curve was fitted on
);
