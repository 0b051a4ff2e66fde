"""The finder in Chromium at 360 px: axe finds nothing on the form and the result (de, ar), no horizontal
scrolling, and the form works with JavaScript switched off."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
axe = Axe()
RULES = {"resultTypes": ["violations"],
         "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
PHONE = {"width": 360, "height": 740}


def _describe(results) -> str:
    return "\n".join(f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                     for v in results.response["violations"])


def _fill(page) -> None:
    page.fill("#children", "2, 8")
    page.check("#adults-1")
    page.check("#income-work")
    page.fill("#earned_income", "1400")
    page.check("#support-no")
    page.check("#worry-debts")
    page.check("#worry-violence")
    page.locator("form.finder-form button[type=submit]").click()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_form_and_result_have_no_axe_violations_on_a_phone(browser, live_server: str, lang: str) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server}/{lang}/finder")
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _fill(page)
    page.wait_for_selector(".finder-results")
    assert page.url == f"{live_server}/{lang}/finder"  # answers went in the body, not the address
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shared = page.locator(".share-link").inner_text()
    page.goto(shared)
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    page.context.close()


def test_the_form_works_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/de/finder")
    _fill(page)
    page.wait_for_selector(".finder-results")
    text = page.inner_text("main")
    assert "Unterhaltsvorschuss" in text and "Schuldnerberatung" in text and "keine Entscheidung" in text
    assert "gewaltschutz" not in page.locator(".share-link").inner_text()
    context.close()
