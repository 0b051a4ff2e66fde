"""The print view fits on one A4 page, with the QR code, left-to-right and right-to-left."""

from __future__ import annotations

import re
import urllib.request

import pytest

pytestmark = pytest.mark.browser
A4_CONTENT = {"width": 703, "height": 1000}  # 210 mm minus 2 × 12 mm margins at 96 dpi


def _slugs(live_server: str) -> list[str]:
    import json

    with urllib.request.urlopen(f"{live_server}/api/v1/entries?lang=de", timeout=10) as response:
        return [item["slug"] for item in json.load(response)]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "ru"])
def test_every_entry_prints_on_one_a4_page(page, live_server: str, lang: str) -> None:
    slugs = _slugs(live_server)
    assert len(slugs) >= 10
    page.set_viewport_size(A4_CONTENT)
    too_long, clipped = [], []
    for slug in slugs:
        page.goto(f"{live_server}/{lang}/e/{slug}/print")
        assert page.locator("svg.qr").count() == 1
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        if _pages(pdf) != 1:
            too_long.append((slug, _pages(pdf)))
        page.emulate_media(media="print")
        overflow = page.evaluate("(s => s.scrollHeight - s.clientHeight)(document.querySelector('.sheet'))")
        if overflow > 1:
            clipped.append((slug, overflow))  # the sheet is clamped to one page: nothing may be cut off
        page.emulate_media(media="no-override")
    assert not too_long
    assert not clipped


def test_the_qr_code_is_large_and_whole_on_paper(page, live_server: str) -> None:
    page.goto(f"{live_server}/ar/e/kindergeld/print")
    page.emulate_media(media="print")
    box = page.locator("svg.qr").bounding_box()
    assert box["width"] >= 200 and abs(box["width"] - box["height"]) < 2  # 56 mm at 96 dpi ≈ 212 px
    sheet = page.locator(".sheet").bounding_box()
    assert box["y"] + box["height"] <= sheet["y"] + sheet["height"]


def test_page_count_check_counts(page, live_server: str) -> None:
    page.set_content("<p style='height: 700mm'>long</p>")
    assert _pages(page.pdf(format="A4")) >= 2
