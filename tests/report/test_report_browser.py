"""The report as a browser shows it: headless Chromium loads it, every figure decodes, and
the page is not blank. Skipped where Debian's chromium package is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
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

# Appended to a copy of the report (never to the report itself, which has no script):
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
