"""Opening the report asks nothing of the network: styles inline, figures as data URIs."""

from __future__ import annotations

import re

from dpeace.report.render import render_report

from report_html import read_report


def test_no_external_references(fixture_report_html):
    html = fixture_report_html
    report = read_report(html)
    # Citations may print URLs as text; nothing may *load* or link one.
    for tag, attribute, value in report.references:
        assert not re.match(r"\s*(https?:)?//", value), f"<{tag} {attribute}={value!r}> reaches the network"
        assert value.startswith(("#", "data:")), f"<{tag} {attribute}={value!r}> is not inline"
    assert not any(tag in ("link", "iframe", "object", "embed") for tag, _ in report.tags)
    # Scripts are inline (the tables' CSV links, the curve's selector) and reach nothing.
    assert not any(tag == "script" and "src" in attributes for tag, attributes in report.tags)
    scripts = "".join(re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))
    for reach in ("fetch(", "XMLHttpRequest", "import(", "http:", "https:", "WebSocket", "sendBeacon"):
        assert reach not in scripts.replace("http://www.w3.org/2000/svg", ""), reach
    style = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert "@import" not in style and "url(" not in style


def test_every_image_is_an_inline_svg_data_uri_with_alt_text(fixture_report_html):
    report = read_report(fixture_report_html)
    assert len(report.images) == 4  # onset rates, democratic share, coefficients, predictions
    for image in report.images:
        assert image["src"].startswith("data:image/svg+xml;base64,")
        assert image.get("alt")


def test_html_special_characters_in_inputs_are_escaped(report_data, tmp_path, fixture_results):
    from conftest import write_model_results

    fixture_results["models"][0]["label"] = "<script>alert(1)</script>"
    write_model_results(report_data, fixture_results)
    html = render_report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
