"""The report's figures: matplotlib SVGs as data URIs, byte-identical for identical inputs."""

from __future__ import annotations

import base64
import io
import re

import matplotlib
from matplotlib.figure import Figure

from dpeace.report.labels import term_label
from dpeace.report.tables import democracy_term, model_problems

# Fixed salt and no date/creator metadata: otherwise every SVG differs run to run.
# Text stays text (fonttype 'none'), which keeps the figures small and searchable.
DETERMINISTIC_STYLE = {
    "svg.hashsalt": "dpeace-report",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
}
SVG_METADATA = {"Date": None, "Creator": None}

DEMOCRATIC_COLOUR = "#1b6ca8"
OTHER_COLOUR = "#d1495b"
FLAGGED_COLOUR = "#999999"

# A decade's rate from fewer dyad-years than this is left off the plot (and named in its
# caption): early jointly democratic dyads are a handful a year, and one dispute among
# them gives a spike of tens per 1,000 that would flatten every other point.
FEW_DYAD_YEARS = 1000


# matplotlib names a clip path by a hash of its rectangle's exact floats, whose last bits
# the constrained layout does not always reproduce from one process to the next (the
# printed rectangle is the same): renaming the clip paths in order of appearance keeps
# the report byte-identical from run to run.
_CLIP_ID = re.compile(rb'id="(p[0-9a-f]{10})"')


def _stable_clip_ids(svg: bytes) -> bytes:
    for number, clip in enumerate(dict.fromkeys(_CLIP_ID.findall(svg)), start=1):
        svg = svg.replace(clip, f"clip{number}".encode())
    return svg


def svg_data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    encoded = base64.b64encode(_stable_clip_ids(buffer.getvalue())).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def _new_figure(width: float, height: float) -> Figure:
    # rc_context must be active while the figure is built, not only while it is saved,
    # since axes take their style when they are created.
    return Figure(figsize=(width, height), layout="constrained")


def sparse_decades(decade_rows: list[dict]) -> list[dict]:
    return [row for row in decade_rows if row["dyad_years"] < FEW_DYAD_YEARS]


def onset_rates_over_time(decade_rows: list[dict]) -> str:
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure = _new_figure(10, 4.0)
        axes = figure.add_subplot()
        for is_democratic, colour, label in (
            (True, DEMOCRATIC_COLOUR, "Jointly democratic"),
            (False, OTHER_COLOUR, "Not jointly democratic"),
        ):
            rows = [
                row
                for row in decade_rows
                if row["joint_democracy"] is is_democratic and row["dyad_years"] >= FEW_DYAD_YEARS
            ]
            axes.plot(
                [r["decade"] for r in rows],
                [r["onsets_per_1000"] for r in rows],
                color=colour,
                linewidth=1.6,
                marker="o",
                markersize=4,
                label=label,
            )
        axes.set_xlabel("Decade")
        axes.set_ylabel("Onsets per 1,000 dyad-years")
        axes.set_ylim(bottom=0)
        axes.legend(frameon=False, loc="upper right")
        return svg_data_uri(figure)


def joint_democracy_share_over_time(share_rows: list[dict]) -> str:
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure = _new_figure(10, 3.4)
        axes = figure.add_subplot()
        rows = [r for r in share_rows if r["share_jointly_democratic"] is not None]
        axes.plot(
            [r["year"] for r in rows],
            [100.0 * r["share_jointly_democratic"] for r in rows],
            color=DEMOCRATIC_COLOUR,
            linewidth=1.6,
        )
        axes.set_xlabel("Year")
        axes.set_ylabel("Jointly democratic dyads (%)")
        axes.set_ylim(0, max([5.0] + [100.0 * r["share_jointly_democratic"] * 1.1 for r in rows]))
        return svg_data_uri(figure)


def democracy_coefficients(models: list[dict]) -> str:
    """Each specification's democracy coefficient with its 95% interval, one panel per term
    (a binary joint-democracy coefficient and a per-Polity-point one share no scale)."""
    panels: dict[str, list[dict]] = {}
    for model in models:
        term = democracy_term(model)
        if term is not None and term["coef"] is not None:
            panels.setdefault(model["democracy_term"], []).append(model)
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        heights = [len(group) for group in panels.values()]
        figure = _new_figure(10, 0.9 + 0.36 * sum(heights) + 0.7 * len(panels))
        figure.get_layout_engine().set(h_pad=0.12)
        grid = figure.add_gridspec(len(panels), 1, height_ratios=[h + 1.2 for h in heights])
        for row, (term, group) in enumerate(panels.items()):
            axes = figure.add_subplot(grid[row])
            positions = list(range(len(group)))[::-1]
            for position, model in zip(positions, group):
                estimate = democracy_term(model)
                colour = FLAGGED_COLOUR if model_problems(model) else DEMOCRATIC_COLOUR
                # A flagged model may have no interval (its standard error was not finite): the point alone.
                has_interval = estimate["ci_low"] is not None and estimate["ci_high"] is not None
                axes.errorbar(
                    estimate["coef"],
                    position,
                    xerr=[[estimate["coef"] - estimate["ci_low"]], [estimate["ci_high"] - estimate["coef"]]]
                    if has_interval
                    else None,
                    fmt="o",
                    color=colour,
                    ecolor=colour,
                    capsize=3,
                    markersize=5,
                )
            axes.axvline(0, color="#333333", linewidth=0.9)
            axes.set_yticks(positions, [_tick_label(m) for m in group])
            axes.set_ylim(-0.7, len(group) - 0.3)
            axes.set_title(term_label(term), loc="left", fontsize=10)
            axes.grid(axis="y", visible=False)
            left, right = axes.get_xlim()
            # Zero must be on the axis so the reader sees which side each estimate falls.
            axes.set_xlim(min(left, 0.0), max(right, 0.0))
        axes.set_xlabel("Coefficient (log-odds) with 95% confidence interval")
        return svg_data_uri(figure)


def _tick_label(model: dict) -> str:
    return model["label"] + (" (!)" if model_problems(model) else "")


def predicted_probabilities(models: list[dict]) -> str | None:
    with_effects = [m for m in models if m.get("effects")]
    if not with_effects:
        return None
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure = _new_figure(10, 1.2 + 0.7 * len(with_effects))
        axes = figure.add_subplot()
        positions = list(range(len(with_effects)))[::-1]
        for index, (position, model) in enumerate(zip(positions, with_effects)):
            for offset, key, colour, label in (
                (0.15, "p_democratic", DEMOCRATIC_COLOUR, "Both democracies"),
                (-0.15, "p_other", OTHER_COLOUR, "Other pairs"),
            ):
                value = model["effects"][key]
                per_1000 = [1000.0 * value[k] for k in ("estimate", "ci_low", "ci_high")]
                axes.errorbar(
                    per_1000[0],
                    position + offset,
                    xerr=[[per_1000[0] - per_1000[1]], [per_1000[2] - per_1000[0]]],
                    fmt="o",
                    color=colour,
                    ecolor=colour,
                    capsize=3,
                    markersize=5,
                    label=label if index == 0 else None,
                )
        axes.set_yticks(positions, [m["label"] for m in with_effects])
        axes.set_ylim(-0.7, len(with_effects) - 0.3)
        axes.set_xlim(left=0)
        axes.grid(axis="y", visible=False)
        axes.set_xlabel("Predicted onsets per 1,000 dyad-years, with 95% interval")
        figure.legend(frameon=False, loc="outside upper center", ncols=2)
        return svg_data_uri(figure)
