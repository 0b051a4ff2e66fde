"""axe-core (WCAG 2.1 AA and best practices) finds nothing on the main pages, in German and in Arabic."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/{lang}/",
    "search": "/{lang}/search?q=kindergeld",
    "search-empty": "/{lang}/search?q=xqzzyv",
    "entry": "/{lang}/e/kindergeld",
    "entry-crisis": "/{lang}/e/gewaltschutz-frauen",
    "topic": "/{lang}/topics/money",
    "kita": "/{lang}/kitas/loevenich",
    "print": "/{lang}/e/kindergeld/print",
    "booking": "/{lang}/kitas/loevenich/book",
    "not-found": "/{lang}/e/no-such-entry",
}
axe = Axe()


def _describe(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(page, live_server: str, has_booking: bool, lang: str, name: str) -> None:
    if name == "booking" and not has_booking:
        pytest.skip("the booking form is not installed yet")
    page.goto(live_server + PAGES[name].format(lang=lang))
    results = axe.run(page, options={"resultTypes": ["violations"],
                                     "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                           "wcag21aa", "best-practice"]}})
    assert results.violations_count == 0, _describe(results)


def test_the_check_finds_a_violation(page, live_server: str) -> None:
    page.goto(live_server + "/de/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.ico\">')")
    results = axe.run(page)
    assert [v["id"] for v in results.response["violations"]] == ["image-alt"]


def test_staff_pages(page, live_server: str) -> None:
    from tests.browser.conftest import STAFF

    page.goto(live_server + "/staff/login")
    assert axe.run(page).violations_count == 0
    page.fill("#username", STAFF[0])
    page.fill("#password", STAFF[1])
    page.locator("form.form button").click()
    page.wait_for_url(live_server + "/staff/send")
    page.select_option("#entry", "kindergeld")
    page.select_option("#lang_for", "ar")
    page.locator("form.form button").click()
    page.wait_for_url(live_server + "/staff/send?entry=kindergeld&lang_for=ar")
    assert "kindergeld?src=share" in page.input_value("#family-link")
    results = axe.run(page)
    assert results.violations_count == 0, _describe(results)
