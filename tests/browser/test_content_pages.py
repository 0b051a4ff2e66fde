"""The content pages on a phone (360 px): axe finds nothing on the list, the edit page (de, ar) and the due list;
the edit page saves without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

CONTENT_PAGES = {
    "content-list": "/staff/content",
    "content-edit-de": "/staff/content/entries/kindergeld/de",
    "content-edit-ar": "/staff/content/entries/kindergeld/ar",
    "content-due": "/staff/content/due",
}
axe = Axe()
RULES = {"resultTypes": ["violations"],
         "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def _describe(results) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                     for v in results.response["violations"])


def _login(page, live_server: str, lang: str) -> None:
    from tests.browser.conftest import STAFF

    page.set_extra_http_headers({"Accept-Language": lang})
    page.goto(live_server + "/staff/login")
    page.fill("#username", STAFF[0])
    page.fill("#password", STAFF[1])
    page.locator("form.form button").click()
    page.wait_for_url(live_server + "/staff/send")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_content_pages_pass_axe_on_a_phone(browser, live_server: str, lang: str) -> None:
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    _login(page, live_server, lang)
    for name, path in CONTENT_PAGES.items():
        page.goto(live_server + path)
        assert page.locator("h1").count() == 1, name
        results = axe.run(page, options=RULES)
        assert results.violations_count == 0, f"{name}:\n{_describe(results)}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.context.close()


def test_edit_page_saves_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    _login(page, live_server, "de")
    page.goto(live_server + "/staff/content/entries/kindergeld/ar")
    assert page.locator('textarea[name="summary"]').get_attribute("dir") == "rtl"
    keywords = page.locator('textarea[name="keywords"]')
    keywords.fill(keywords.input_value() + "\nمال الأطفال شهريا")
    page.fill("#f-comment", "browser test")
    page.locator('button[value="save"]').click()
    page.wait_for_url(live_server + "/staff/content/entries/kindergeld/ar")
    assert "مال الأطفال شهريا" in page.locator('textarea[name="keywords"]').input_value()
    assert page.locator(".notice.info").count() >= 1
    page.goto(live_server + "/staff/content/entries/kindergeld/ar/history")
    assert "browser test" in page.content()
    context.close()
