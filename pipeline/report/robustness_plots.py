"""The specification-curve figures: matplotlib SVGs, byte-identical for identical inputs.

The curve has over a thousand intervals and a panel of a thousand columns of choices;
as SVG paths they would weigh megabytes, so those dense layers are rasterised inside the
SVG (axes, labels and text stay vector). Agg's rasters are deterministic too.
"""

from __future__ import annotations

import base64
import io

import matplotlib
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from dpeace.report.plots import (
    DEMOCRATIC_COLOUR,
    DETERMINISTIC_STYLE,
    FLAGGED_COLOUR,
    OTHER_COLOUR,
    SVG_METADATA,
)

PANEL_ON = "#333333"
RASTER_DPI = 150
# The figure is drawn 7.5 inches (540 points) wide, so that a page 800 pixels wide shows it
# at about its own size and the panel's labels (PANEL_FONT points) stay readable.
CURVE_WIDTH = 7.5
PANEL_FONT = 9
PANEL_ROW_HEIGHT = 0.2


def specification_curve(estimates: list[dict], panel_rows: list[dict], significance: float) -> str:
    """Sorted estimates with 95% intervals above; beneath, which choice produced each.

    estimates: dicts with estimate, ci_low, ci_high, p, is_main, in plotting order.
    panel_rows: dicts with label, dimension_label and `used` (one bool per estimate).
    """
    x = np.arange(len(estimates))
    estimate = np.array([row["estimate"] for row in estimates])
    low = np.array([row["ci_low"] for row in estimates])
    high = np.array([row["ci_high"] for row in estimates])
    # A Firth fit's p is not trusted (separated data): drawn grey, as not counted significant.
    p = np.array([np.inf if row.get("estimator") == "firth_logit" else row["p"] for row in estimates])
    colours = np.where(
        p >= significance, FLAGGED_COLOUR, np.where(estimate < 0, DEMOCRATIC_COLOUR, OTHER_COLOUR)
    )
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure = Figure(layout="constrained", figsize=(CURVE_WIDTH, 3.2 + PANEL_ROW_HEIGHT * len(panel_rows)))
        grid = figure.add_gridspec(2, 1, height_ratios=[3.0, PANEL_ROW_HEIGHT * len(panel_rows)])
        top = figure.add_subplot(grid[0])
        top.vlines(x, low, high, colors=colours, linewidth=0.6, alpha=0.55, rasterized=True)
        top.scatter(x, estimate, c=colours, s=3, linewidths=0, rasterized=True)
        main = [i for i, row in enumerate(estimates) if row["is_main"]]
        if main:
            top.scatter(
                x[main],
                estimate[main],
                s=60,
                facecolors="none",
                edgecolors="#000000",
                linewidths=1.2,
                label="Main specification",
                zorder=3,
            )
            top.legend(frameon=False, loc="upper left")
        top.axhline(0, color="#333333", linewidth=0.9)
        top.set_xlim(-0.5, len(estimates) - 0.5)
        top.set_ylabel("Coefficient (log-odds)\nwith 95% interval")
        top.tick_params(axis="x", labelbottom=False)
        top.grid(axis="x", visible=False)

        bottom = figure.add_subplot(grid[1], sharex=top)
        used = np.array([row["used"] for row in panel_rows], dtype=float)
        bottom.imshow(
            used,
            aspect="auto",
            interpolation="nearest",
            cmap=ListedColormap(["#ffffff", PANEL_ON]),
            vmin=0,
            vmax=1,
            extent=(-0.5, len(estimates) - 0.5, len(panel_rows) - 0.5, -0.5),
        )
        bottom.set_yticks(range(len(panel_rows)), [row["label"] for row in panel_rows], fontsize=PANEL_FONT)
        for boundary in _dimension_boundaries(panel_rows):
            bottom.axhline(boundary, color="#d1495b", linewidth=0.8, zorder=3)
        bottom.grid(False)
        bottom.set_xlabel("Specifications, sorted by estimate")
        return _svg_data_uri(figure)


def threshold_sweep(rows: list[dict]) -> str:
    """The main model's estimate for each Polity threshold k, with its 95% interval."""
    fitted = [row for row in rows if row["estimate"] is not None]
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure = Figure(layout="constrained", figsize=(7, 3.0))
        axes = figure.add_subplot()
        for row in fitted:
            axes.errorbar(
                row["threshold"],
                row["estimate"],
                yerr=[[row["estimate"] - row["ci_low"]], [row["ci_high"] - row["estimate"]]],
                fmt="o",
                color=DEMOCRATIC_COLOUR,
                ecolor=DEMOCRATIC_COLOUR,
                capsize=3,
                markersize=5,
            )
        axes.axhline(0, color="#333333", linewidth=0.9)
        axes.set_xticks([row["threshold"] for row in rows])
        axes.set_xlabel("Threshold k: both states' polity2 at least k")
        axes.set_ylabel("Coefficient (log-odds)")
        bottom, top = axes.get_ylim()
        axes.set_ylim(min(bottom, 0.0), max(top, 0.0))
        return _svg_data_uri(figure)


def _dimension_boundaries(panel_rows: list[dict]) -> list[float]:
    return [
        index - 0.5
        for index in range(1, len(panel_rows))
        if panel_rows[index]["dimension_label"] != panel_rows[index - 1]["dimension_label"]
    ]


def _svg_data_uri(figure: Figure) -> str:
    """As dpeace.report.plots.svg_data_uri, with the raster layers at RASTER_DPI."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(DETERMINISTIC_STYLE):
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA, dpi=RASTER_DPI)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
