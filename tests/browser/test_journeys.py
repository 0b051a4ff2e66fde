"""Parents' journeys in Chromium: the language menu at 320 px, booking pages at 360 px, the failed form's focus,
right-to-left search cards, axe on the pages these journeys changed."""

from __future__ import annotations

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from service.i18n import LANGUAGE_CODES
from tests.browser.test_accessibility import RULES, _describe

pytestmark = pytest.mark.browser
axe = Axe()
OUTSIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.visually-hidden, .skip') && e.getClientRects().length)
    .filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < -1; })
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 30))"""


_phones = iter(range(1000000, 9999999, 7919))


def _fill_booking_form(page, live_server: str, lang: str) -> None:  # noqa: ANN001
    """Lövenich's booking form filled in as a parent would: the first free time, a name, a phone, consent."""
    page.goto(f"{live_server}/{lang}/kitas/loevenich/book?another=1")
    page.check("input[name=slot] >> nth=0")
    page.fill("#first_name", "Olena")
    page.fill("#contact", f"0151 {next(_phones)}")
    page.check("#interpreter")
    page.check("#consent")


def _book(page, live_server: str, lang: str) -> str:  # noqa: ANN001
    """Book a free time at Lövenich through the form, as a parent would; the booking page's address."""
    _fill_booking_form(page, live_server, lang)
    page.click("form.booking button[type=submit]")
    page.wait_for_url(re.compile(r"/booking/[A-Za-z0-9_-]+\?new=1"))
    return page.url


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_language_menu_fits_at_320px(browser, live_server: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server}/{lang}/e/kindergeld")
    page.click(".langs summary")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.langs a')].map(a => {
        const r = a.getBoundingClientRect(); return [a.textContent, r.left, r.right]; })""")
    context.close()
    assert len(boxes) == 10
    outside = [(name, round(left), round(right)) for name, left, right in boxes if left < 0 or right > 320]
    assert not outside, outside


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_confirmation_and_cancelled_pages_fit_360px(browser, live_server: str, has_booking: bool, lang: str) -> None:
    if not has_booking:
        pytest.skip("the booking form is not installed")
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    _book(page, live_server, lang)
    booked = (page.evaluate("document.documentElement.scrollWidth"), page.evaluate(OUTSIDE))
    page.click("form.cancel button[type=submit]")
    page.wait_for_selector("#confirm-cancel")
    asking = (page.evaluate("document.documentElement.scrollWidth"), page.evaluate(OUTSIDE))
    page.click("#confirm-cancel button[type=submit]")
    page.wait_for_load_state()
    cancelled = (page.evaluate("document.documentElement.scrollWidth"), page.evaluate(OUTSIDE))
    context.close()
    for name, (width, wide) in {"booked": booked, "asking": asking, "cancelled": cancelled}.items():
        assert width <= 360 and not wide, (name, width, wide)


def test_the_book_button_is_disabled_after_the_first_tap(page, live_server: str, has_booking: bool) -> None:
    if not has_booking:
        pytest.skip("the booking form is not installed")
    _fill_booking_form(page, live_server, "de")
    # the form stays on the page (as while a slow connection sends it); the page's own script still sees the submit
    page.evaluate("document.querySelector('form.booking').addEventListener('submit', e => e.preventDefault())")
    button = "form.booking button[type=submit]"
    assert page.is_enabled(button)
    page.click(button)
    page.wait_for_function(f"document.querySelector({button!r}).disabled", timeout=5000)
    assert page.is_disabled(button)


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "uk"])
def test_a_failed_booking_form_focuses_the_first_error(page, live_server: str, has_booking: bool, lang: str) -> None:
    if not has_booking:
        pytest.skip("the booking form is not installed")
    page.goto(f"{live_server}/{lang}/kitas/loevenich/book")
    page.check("input[name=slot] >> nth=0")
    page.click("form.booking button[type=submit]")
    page.wait_for_selector("[aria-invalid=true]")
    assert page.evaluate("document.activeElement.id") == "first_name"
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "uk"])
@pytest.mark.parametrize("name", ["find", "find-not-found", "booked", "cancel-asked"])
def test_no_axe_violations_on_the_changed_booking_pages(page, live_server: str, has_booking: bool, lang: str,
                                                        name: str) -> None:
    if not has_booking:
        pytest.skip("the booking form is not installed")
    if name.startswith("find"):
        page.goto(f"{live_server}/{lang}/booking")
        if name == "find-not-found":
            page.fill("#code", "ZZZ ZZZ")
            page.fill("#contact", "0151 1234567")
            page.click("form.find button[type=submit]")
            page.wait_for_selector(".notice")
    else:
        _book(page, live_server, lang)
        if name == "cancel-asked":
            page.click("form.cancel button[type=submit]")
            page.wait_for_selector("#confirm-cancel")
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_right_to_left_search_cards_isolate_german_terms(page, live_server: str, lang: str) -> None:
    page.goto(f"{live_server}/{lang}/search?q=kindergeld")
    cards = page.locator(".results li, .result, .card").first
    html = cards.inner_html()
    latin = re.findall(r"\([^)]*[A-Za-z][^)]*\)", re.sub(r"<[^>]+>", "", html))
    if latin:  # a bracketed German term stands in an isolate of its own, as on the entry page
        assert "<bdi" in html or 'dir="ltr"' in html or "\u2066" in html, html[:400]


def test_the_qr_code_title_is_in_the_page_language(page, live_server: str) -> None:
    svg = urllib.request.urlopen(f"{live_server}/ar/e/kindergeld/qr.svg", timeout=20).read().decode()
    title = re.search(r"<title>([^<]*)</title>", svg).group(1)
    assert title and title != "QR code" and not title.isascii(), title
