"""The report as a browser shows it: headless Chromium loads it, every figure decodes, and
the page is not blank. Skipped where Debian's chromium package is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from dpeace.report.render import render_report

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"),
]

# Flags that keep headless Chromium off the network and out of the user's profile.
QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

# Appended to a copy of the report (never to the report itself, whose only scripts are its own):
# after load, record on <body> how many images there are and how many decoded.
IMAGE_PROBE = """<script>
window.addEventListener("load", () => {
  const images = Array.from(document.images);
  document.body.dataset.images = images.length;
  document.body.dataset.decoded = images.filter(i => i.complete && i.naturalWidth > 0).length;
  document.body.dataset.height = document.documentElement.scrollHeight;
});
</script>"""


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, *QUIET_FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture()
def report_file(report_data, tmp_path) -> Path:
    return render_report(tmp_path / "report.html")


def _load_in_browser(html: str, tmp_path: Path) -> tuple[int, int, int, str]:
    """(images, images decoded, page height, the DOM) of `html` as Chromium shows it."""
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", IMAGE_PROBE + "</body>"), encoding="utf-8")
    shown = _chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom", probe.as_uri())
    assert shown.returncode == 0, shown.stderr[-2000:]
    body = re.search(r'<body data-images="(\d+)" data-decoded="(\d+)" data-height="(\d+)"', shown.stdout)
    assert body, "the page did not finish loading in the browser"
    images, decoded, height = map(int, body.groups())
    return images, decoded, height, shown.stdout


def test_the_probe_notices_a_broken_figure(report_file, tmp_path):
    html = report_file.read_text(encoding="utf-8")
    broken = re.sub(
        r'src="data:image/svg\+xml;base64,[^"]+"',
        'src="data:image/svg+xml;base64,bm90IGFuIGltYWdl"',
        html,
        count=1,
    )
    images, decoded, _, _ = _load_in_browser(broken, tmp_path)
    assert (images, decoded) == (4, 3)


def test_every_figure_decodes_and_the_headline_is_there(report_file, tmp_path):
    images, decoded, height, dom = _load_in_browser(report_file.read_text(encoding="utf-8"), tmp_path)
    assert images == 4 and decoded == 4, f"{images - decoded} of {images} figures are broken"
    assert height > 3000  # the whole report laid out, not an error page
    assert "Rarely: two democracies began a war with each other" in dom


def test_screenshot_is_not_blank(report_file, tmp_path):
    screenshot = tmp_path / "report.png"
    shown = _chromium(tmp_path, "--window-size=1200,3000", f"--screenshot={screenshot}", report_file.as_uri())
    assert shown.returncode == 0 and screenshot.exists(), shown.stderr[-2000:]
    with Image.open(screenshot) as image:
        assert image.size == (1200, 3000)
        grey = image.convert("L")
        # A blank or failed page is one flat colour; the report has dark text on a light ground.
        assert ImageStat.Stat(grey).stddev[0] > 20
        headline_band = grey.crop((0, 0, 1200, 300))
        assert headline_band.getextrema()[0] < 60


# Appended to a copy of the report: after load, record on <body> the tables wider than their
# box (a table wider than the page is clipped; one wider than its scroll box needs scrolling).
OVERFLOW_PROBE = """<script>
window.addEventListener("load", () => {
  const wide = [];
  document.querySelectorAll("table").forEach((table) => {
    const box = table.closest(".table-scroll") || table.parentElement;
    if (box.scrollWidth > box.clientWidth + 1
        || table.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
      wide.push(table.className);
    }
  });
  document.body.dataset.wide = wide.join(",") || "none";
  document.body.dataset.pagewidth = document.documentElement.scrollWidth;
});
</script>"""


@pytest.mark.parametrize("width", [1280, 800])
def test_no_table_is_wider_than_the_screen(report_file, tmp_path, width):
    probe = tmp_path / "overflow.html"
    probe.write_text(
        report_file.read_text(encoding="utf-8").replace("</body>", OVERFLOW_PROBE + "</body>"),
        encoding="utf-8",
    )
    shown = _chromium(
        tmp_path, f"--window-size={width},2000", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    body = re.search(r'<body data-wide="([^"]*)" data-pagewidth="(\d+)"', shown.stdout)
    assert body, "the page did not finish loading in the browser"
    assert body.group(1) == "none", f"tables wider than the screen at {width} px: {body.group(1)}"
    assert int(body.group(2)) <= width


def _dom(tmp_path: Path, url: str, width: int = 1280) -> str:
    shown = _chromium(
        tmp_path, f"--window-size={width},2000", "--virtual-time-budget=10000", "--dump-dom", url
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    return shown.stdout


class _Grids(HTMLParser):
    """Each table of a page as the grid a reader sees: a cell spanning rows repeated in each
    row it spans, a cell spanning columns followed by empty cells; a line break a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.grids: list[list[list[str]]] = []
        self._pending: dict[int, list] = {}
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def _carry(self) -> None:
        while self._row is not None and (carried := self._pending.get(len(self._row))) and carried[1] > 0:
            carried[1] -= 1
            self._row.append(carried[0])

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.grids.append([])
            self._pending = {}
        elif tag == "tr":
            self._row = []
            self._carry()
        elif tag in ("td", "th"):
            self._cell = []
            self._spans = (int(attributes.get("rowspan") or 1), int(attributes.get("colspan") or 1))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).split())
            rows, columns = self._spans
            for span in range(columns):
                if rows > 1:
                    self._pending[len(self._row)] = ["" if span else text, rows - 1]
                self._row.append("" if span else text)
            self._cell = None
            self._carry()
        elif tag == "tr" and self._row is not None:
            self.grids[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_every_table_has_a_csv_link_holding_its_rows(report_file, tmp_path):
    import csv
    import io
    from urllib.parse import unquote

    dom = _dom(tmp_path, report_file.as_uri())
    grids = _Grids()
    grids.feed(dom)
    tables = re.findall(r'<table class="([^" ]+)', dom)
    links = re.findall(
        r'<a class="csv-download" download="([^"]+)" href="data:text/csv;charset=utf-8,([^"]*)"', dom
    )
    assert tables and len(links) == len(tables) == len(grids.grids), "a table without its CSV link"
    for index, (name, (download, data), grid) in enumerate(zip(tables, links, grids.grids, strict=True)):
        assert download == f"{name}-{index + 1}.csv"
        rows = list(csv.reader(io.StringIO(unquote(data))))
        assert rows and rows == grid, name


def test_the_curve_selector_draws_the_curve_of_the_chosen_level(report_data, tmp_path):
    import json

    from tests.report.test_robustness_section import DOCUMENT

    (report_data / "specification_curve.json").write_text(json.dumps(DOCUMENT), encoding="utf-8")
    page = render_report(tmp_path / "curve.html")
    # The fitted specifications with a 0/1 democracy term: 1 (>= 5, disputes, negative and
    # significant), 2 (>= 6, disputes, negative and significant), 4 (>= 5, war, p 0.2).
    for choice, count, negative in (
        ("", 3, 2),
        ("outcome:war_onset", 1, 0),
        ("outcome:mid_onset", 2, 2),
        ("democracy:polity2_ge_5", 2, 1),
    ):
        dom = _dom(tmp_path, page.as_uri() + (f"#curve={choice}" if choice else ""))
        said = re.search(r'id="curve-selected"[^>]*data-count="(\d+)" data-negative="(\d+)"', dom)
        assert said, f"the selector drew nothing for {choice!r}"
        assert (int(said.group(1)), int(said.group(2))) == (count, negative), choice
        assert dom.count('class="curve-point"') == count, choice
