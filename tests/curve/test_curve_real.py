"""The curve over the real data: its main specification is the battery's main model, and
the default run's size and shares beside the battery's main model, eras and fixed effects.

A one-specification grid (the main choices of pipeline/model/curve_grid.toml) checks the
main model in one fit; the default run is fitted whole once, for the numbers the notes
give (printed with -s); the curve's speed is measured by `make bench`, not by the tests.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from dpeace.curve.grid import default_grid_path, load_grid
from dpeace.curve.pipeline import compute_curve

pytestmark = pytest.mark.mirror


def _main_only_grid(path, whole: tuple[str, ...] = (), thresholds: tuple[int, ...] = ()) -> None:
    """The declared grid cut to its [main] level on every dimension but those in `whole`
    (kept with all their levels), the Polity thresholds to `thresholds` (default: main's)."""
    text = default_grid_path().read_text(encoding="utf-8")
    main = load_grid().main
    blocks = re.split(r"(?m)^(?=\[\[)", text)
    head = re.sub(r"(?ms)^\[sample_run\]\n.*?(?=^\[)", "", blocks[0])  # the cut grid is fitted whole
    kept = []
    for block in blocks[1:]:
        dimension = block[2 : block.index("]]")]
        level_id = re.search(r'(?m)^id = "([^"]+)"', block).group(1)
        if dimension == "democracy" and main["democracy"].startswith(level_id + "_"):
            k = ", ".join(str(t) for t in thresholds) or main["democracy"].rsplit("_", 1)[1]
            block = re.sub(r"(?m)^thresholds = .*$", f"thresholds = [{k}]", block)
            kept.append(block)
        elif level_id == main[dimension] or dimension in whole:
            kept.append(block)
    levels: dict[str, int] = {}
    for block in kept:
        dimension = block[2 : block.index("]]")]
        found = re.search(r"(?m)^thresholds = \[(.*)\]$", block)
        levels[dimension] = levels.get(dimension, 0) + (len(found.group(1).split(",")) if found else 1)
    head = re.sub(
        r"(?m)^specifications = \d+", f"specifications = {math.prod(levels.values())}", head, count=1
    )
    path.write_text(head + "".join(kept), encoding="utf-8")


def test_the_main_specification_equals_the_batterys_main_model(tmp_path, real_database, real_model_results):
    grid_path = tmp_path / "main_only.toml"
    _main_only_grid(grid_path)
    document, _, _ = compute_curve(real_database, grid_path, workers=1, progress=False)
    [row] = document["specifications"]
    assert row["is_main"] and row["fitted"]

    results = json.loads(real_model_results.read_text())
    main = next(model for model in results["models"] if model["id"] == results["main_model"])
    democracy = next(term for term in main["terms"] if term["term"] == main["democracy_term"])
    assert (row["n"], row["events"], row["n_clusters"]) == (main["n"], main["n_events"], main["n_clusters"])
    assert row["estimate"] == pytest.approx(democracy["coef"], rel=1e-7)
    assert row["se"] == pytest.approx(democracy["se"], rel=1e-7)


def test_the_main_specification_by_era_and_outcome_under_both_errors(tmp_path, real_database):
    # The main choices crossed with every era and outcome (9: MID, COW war, GML), Polity thresholds 6 and 10 (the
    # strictest: where separation, and Firth, come in): its size and shares, printed (pytest -s).
    grid_path = tmp_path / "eras.toml"
    _main_only_grid(grid_path, whole=("era", "outcome"), thresholds=(6, 10))
    document, _, fit_seconds = compute_curve(real_database, grid_path, workers=2, progress=False)
    rows = document["specifications"]
    assert len(rows) == 2 * 5 * 9
    fitted = [row for row in rows if row["fitted"]]
    firth = [row for row in fitted if row["estimator"] == "firth_logit"]
    tested = [row for row in fitted if row["estimator"] == "logit"]  # Firth's p are not counted
    robust = sum(1 for row in tested if row["estimate"] < 0 and row["p"] < 0.05)
    clustered = sum(1 for row in tested if row["estimate"] < 0 and row["p_dyad_clustered"] < 0.05)
    assert all(row["separation"] for row in firth)
    assert (document["n_negative_significant"], document["n_negative_significant_dyad_clustered"]) == (
        robust,
        clustered,
    )
    print(
        f"\ncurve over the real data (main choices x 5 eras x 9 outcomes x thresholds 6, 10): {len(rows)} "
        f"specifications, {len(fitted)} fitted ({len(firth)} by Firth, not counted) in {fit_seconds:.1f} s; "
        f"negative and significant at 5% of {len(tested)}: {robust} dyadic-robust, {clustered} clustered by dyad"
    )
    for row in rows:
        if row["outcome"] == "mid_onset" and row["democracy"] == "polity2_ge_6":
            print(
                f"  era {row['era']:>10}: {row['estimate']:+.3f} (dyadic-robust SE {row['se']:.3f}, p {row['p']:.3g}; "
                f"clustered SE {row['se_dyad_clustered']:.3f}, p {row['p_dyad_clustered']:.3g})"
            )


def test_the_default_curve_beside_the_main_model_eras_and_fixed_effects(real_database, real_model_results):
    # The whole default run (the declared sample of pipeline/model/curve_grid.toml), its size
    # and shares three ways, printed (pytest -s) beside the battery's main model under both
    # errors, its four eras and its dyad fixed effects; then the main specification moved one
    # choice at a time (part of the sample).
    grid = load_grid()
    document, _, fit_seconds = compute_curve(real_database, workers=2, progress=False)
    rows = document["specifications"]
    assert len(rows) == len(grid.specifications) == document["grid"]["specifications"] == 3_037
    assert document["grid"]["full_cross"] == 518_400 and document["grid"]["sampled"]
    fitted = [row for row in rows if row["fitted"]]
    tested = [row for row in fitted if row["estimator"] == "logit"]
    firth = [row for row in fitted if row["estimator"] == "firth_logit"]
    assert len(fitted) == len(tested) + len(firth) == document["n_fitted"]
    assert all(row["separation"] and row["p_penalized_lr"] is not None for row in firth)
    assert all(row["p_penalized_lr"] is None for row in tested)
    robust = sum(1 for row in tested if row["estimate"] < 0 and row["p"] < 0.05)
    clustered = sum(1 for row in tested if row["estimate"] < 0 and row["p_dyad_clustered"] < 0.05)
    firth_negative = sum(1 for row in firth if row["estimate"] < 0 and row["p_penalized_lr"] < 0.05)
    assert (document["n_tested"], document["n_negative_significant"]) == (len(tested), robust)
    assert document["n_negative_significant_dyad_clustered"] == clustered
    assert document["n_tested_with_firth"] == len(tested) + len(firth)
    assert document["n_negative_significant_with_firth"] == robust + firth_negative

    results = json.loads(real_model_results.read_text())
    main = next(model for model in results["models"] if model["id"] == results["main_model"])
    term = next(t for t in main["terms"] if t["term"] == main["democracy_term"])
    [main_row] = [row for row in rows if row["is_main"]]
    assert main_row["estimate"] == pytest.approx(term["coef"], rel=1e-7)
    assert main_row["se"] == pytest.approx(term["standard_errors"]["dyadic_robust"], rel=1e-7)
    assert main_row["se_dyad_clustered"] == pytest.approx(term["standard_errors"]["clustered"], rel=1e-7)

    def share(count: int, total: int) -> str:
        return f"{count:,} of {total:,} ({100 * count / total:.1f}%)"

    print(
        f"\ndefault curve over the real data: {len(rows):,} of the full cross's "
        f"{document['grid']['full_cross']:,} specifications, {len(fitted):,} fitted ({len(tested):,} by maximum "
        f"likelihood, {len(firth):,} separated ones by Firth's logit), {len(rows) - len(fitted):,} not, in "
        f"{fit_seconds:.1f} s; negative and significant at 5%:\n"
        f"  maximum-likelihood fits, dyadic-robust errors: {share(robust, len(tested))}\n"
        f"  maximum-likelihood fits, clustered by dyad:    {share(clustered, len(tested))}\n"
        f"  with the Firth fits by their penalised likelihood-ratio test (independent dyad-years): "
        f"{share(robust + firth_negative, len(tested) + len(firth))} "
        f"(the Firth fits alone: {share(firth_negative, len(firth))})\n"
        f"  positive and significant (dyadic-robust): "
        f"{sum(1 for row in tested if row['estimate'] > 0 and row['p'] < 0.05):,}"
    )
    print(
        f"main model: {term['coef']:+.3f}, dyadic-robust SE {term['standard_errors']['dyadic_robust']:.3f} "
        f"(p {term['p']:.3g}), clustered by dyad SE {term['standard_errors']['clustered']:.3f}; "
        f"N {main['n']:,}, onsets {main['n_events']:,}"
    )
    for era in results["eras"]:
        print(
            f"  era {era['label']:>22}: {era['estimate']:+.3f} (dyadic-robust SE {era['se']:.3f}, p {era['p']:.3g}; "
            f"clustered SE {era['se_dyad_clustered']:.3f}, p {era['p_dyad_clustered']:.3g}), N {era['n']:,}"
        )
    fixed = results["fixed_effects"]
    print(
        f"  dyad fixed effects: {fixed['estimate']:+.3f} (dyadic-robust SE {fixed['se']:.3f}, p {fixed['p']:.3g}; "
        f"clustered SE {fixed['se_dyad_clustered']:.3f}), {fixed['n_dyads']:,} dyads kept, "
        f"{fixed['dyads_discarded']:,} dyads and {fixed['dyad_years_discarded']:,} dyad-years discarded"
    )
    _check_readme_figures(document, len(tested), robust, clustered, len(firth), firth_negative)
    main_levels = document["grid"]["main"]
    one_at_a_time = [
        row for row in rows if sum(row[d] != main_levels[d] for d in document["grid"]["dimensions"]) <= 1
    ]
    assert (
        len(one_at_a_time) == sum(len(levels) for levels in grid.levels.values()) - len(grid.levels) + 1 == 37
    )
    print("the main specification moved one choice at a time:")
    for row in one_at_a_time:
        moved = [d for d in document["grid"]["dimensions"] if row[d] != main_levels[d]]
        estimate = (
            "not fitted"
            if not row["fitted"]
            else (
                f"{row['estimate']:+.3f} (dyadic-robust SE {row['se']:.3f}, clustered SE {row['se_dyad_clustered']:.3f})"
                + (
                    f" Firth, penalised LR p {row['p_penalized_lr']:.3g}"
                    if row["estimator"] == "firth_logit"
                    else ""
                )
            )
        )
        print(f"  {(moved[0] + ' = ' + row[moved[0]]) if moved else 'main':>40}: {estimate}")


def _check_readme_figures(document, tested, robust, clustered, firth, firth_negative) -> None:
    """The README's paragraph on the default run (its section on the specification curve)
    gives these numbers: they are this fit's."""
    from dpeace.report.robustness import summary_by_choice
    from tests.readme import readme_text

    text = " ".join(readme_text().split())
    rows = document["specifications"]
    fitted = tested + firth
    positive = sum(
        1 for row in rows if row["estimator"] == "logit" and row["estimate"] > 0 and row["p"] < 0.05
    )

    def percent(count, total):
        return f"{100 * count / total:.1f}%"

    expected = [
        f"the default run fits {fitted:,} of its {len(rows):,} specifications, {firth:,} of them (separated) by Firth's logit",
        f"Of the {tested:,} maximum-likelihood fits, {robust:,} ({percent(robust, tested)}) find",
        f"and {clustered:,} ({percent(clustered, tested)}) under errors clustered by dyad",
        f"{robust + firth_negative:,} of {fitted:,} ({percent(robust + firth_negative, fitted)}); {positive:,} are positive",
    ]
    eras = {
        level["label"]: level["share"]
        for group in summary_by_choice(document)
        if group["dimension"] == "Era"
        for level in group["levels"]
    }
    expected += [
        f"over all years {eras['All years']} of the maximum-likelihood fits agree, in 1919-1938 {eras['1919-1938']}, "
        f"in the Cold War (1946-1989) {eras['1946-1989 (Cold War)']} and after it {eras['1990 on']}, but in "
        f"1816-1913 only {eras['1816-1913']}"
    ]
    for sentence in expected:
        assert sentence in text, f"the README's curve paragraph no longer says: {sentence}"
