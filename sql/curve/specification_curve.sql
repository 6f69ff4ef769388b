-- The specification curve (`dpeace curve`): one row per specification of the grid in
-- pipeline/model/curve_grid.toml, the same numbers as data/specification_curve.json.
-- Recreated on every `dpeace curve`. Estimates are of the democracy term, with standard
-- errors clustered by dyad; they are NULL when the specification could not be fitted
-- (see reason).

CREATE OR REPLACE TABLE specification_curve (
    position         INTEGER PRIMARY KEY,  -- order of the grid's expansion
    spec_id          VARCHAR NOT NULL,     -- democracy/outcome/sample/controls/temporal/ongoing
    democracy        VARCHAR NOT NULL,     -- democracy level id (polity2_ge_<k>, weak_link, joint_bmr)
    outcome          VARCHAR NOT NULL,
    sample           VARCHAR NOT NULL,
    controls         VARCHAR NOT NULL,
    temporal         VARCHAR NOT NULL,     -- cubic | spline | none (peace-year terms)
    ongoing          VARCHAR NOT NULL,     -- drop | keep the years a dispute continues
    democracy_column VARCHAR NOT NULL,     -- the dyad_years column the democracy term comes from
    is_main          BOOLEAN NOT NULL,     -- the grid's main specification
    estimate         DOUBLE,               -- coefficient of the democracy term (log odds)
    se               DOUBLE,               -- clustered by dyad
    ci_low           DOUBLE,               -- 95% normal interval
    ci_high          DOUBLE,
    p                DOUBLE,               -- two-sided
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
