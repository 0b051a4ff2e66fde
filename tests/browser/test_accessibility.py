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
STAFF_PAGES = {
    "staff-send": "/staff/send?entry=kindergeld&lang_for=ar",
    "staff-bookings": "/staff/bookings?days=28&code=ZZZ999",
    "staff-absences": "/staff/absences",
    "staff-calendar": "/staff/calendar",
    "staff-report": "/staff/report",
    "staff-hours": "/staff/hours",
    "staff-people": "/staff/people",
    "staff-audit": "/staff/audit",
    "staff-password": "/staff/password",
}
axe = Axe()
RULES = {"resultTypes": ["violations"],
         "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


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
    results = axe.run(page, options=RULES)
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


@pytest.fixture(scope="session")
def staff_booking(live_server: str, has_booking: bool) -> bool:
    """One booked talk (through the API), so that the bookings page shows a card with its buttons."""
    import json
    import urllib.request
    from datetime import date

    if not has_booking:
        return False
    slots_url = f"{live_server}/api/v1/kitas/loevenich/slots?from={date.today()}&days=28"
    with urllib.request.urlopen(slots_url, timeout=10) as answer:
        slots = json.load(answer)
    if not slots:
        return False
    body = {"slot_id": slots[0]["id"], "first_name": "Amal", "contact": "0151 2345678", "lang": "ar",
            "interpreter": True, "topic": "kindergeld", "note": "Brief vom Jobcenter", "consent": True}
    request = urllib.request.Request(f"{live_server}/api/v1/bookings", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status == 201


def _staff_login(page, live_server: str, lang: str) -> None:
    from tests.browser.conftest import STAFF

    page.set_extra_http_headers({"Accept-Language": lang})
    page.goto(live_server + "/staff/login")
    page.fill("#username", STAFF[0])
    page.fill("#password", STAFF[1])
    page.locator("form.form button").click()
    page.wait_for_url(live_server + "/staff/send")


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_no_axe_violations_on_staff_pages(page, live_server: str, staff_booking: bool, lang: str, name: str) -> None:
    _staff_login(page, live_server, lang)
    page.goto(live_server + STAFF_PAGES[name])
    assert page.locator("html").get_attribute("lang") == lang
    if name == "staff-bookings" and staff_booking:
        assert page.locator(".card.booking").count() >= 1
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_staff_forms_with_errors_and_messages(page, live_server: str, lang: str) -> None:
    _staff_login(page, live_server, lang)
    page.goto(live_server + "/staff/absences")
    page.fill("#first_day", "2027-03-02")
    page.fill("#last_day", "2027-03-01")
    page.locator("form.grid button").click()
    assert page.locator("[aria-invalid=true]").count() == 1
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    page.fill("#last_day", "2027-03-05")
    page.locator("form.grid button").click()
    page.wait_for_url(live_server + "/staff/absences")
    assert page.locator(".notice.info").count() == 1 and page.locator(".card.block").count() >= 1
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_staff_pages_fit_a_phone(browser, live_server: str, staff_booking: bool, lang: str) -> None:
    page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    _staff_login(page, live_server, lang)
    for path in STAFF_PAGES.values():
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_staff_hours_form(page, live_server: str, lang: str) -> None:
    from datetime import date, timedelta

    _staff_login(page, live_server, lang)
    page.goto(live_server + "/staff/hours")
    page.fill("#opens", "06:00")
    page.fill("#closes", "05:00")
    page.locator("form.grid button").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    page.select_option("#weekday", "6")
    page.fill("#closes", "06:30")
    page.locator("form.grid button").click()
    page.wait_for_url(live_server + "/staff/hours")
    assert page.locator(".notice.info").count() == 1
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    card = page.locator(".card.window", has_text="06:00").first
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    card.locator("input[type=date]").fill(yesterday)  # before it began: the window is removed
    card.locator("button").click()
    page.wait_for_url(live_server + "/staff/hours")
    assert page.locator(".card.window", has_text="06:00").count() == 0


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_staff_absence_shows_the_booked_talks_first(page, live_server: str, staff_booking: bool, lang: str) -> None:
    from datetime import date, timedelta

    if not staff_booking:
        pytest.skip("no booking to show")
    _staff_login(page, live_server, lang)
    page.goto(live_server + "/staff/bookings?days=28")
    worker = page.locator(".card.booking").first.locator("dd").nth(2).inner_text()
    page.goto(live_server + "/staff/absences")
    page.select_option("#social_worker", label=worker)
    page.fill("#first_day", date.today().isoformat())
    page.fill("#last_day", (date.today() + timedelta(days=28)).isoformat())
    page.locator("form.grid button").click()
    assert page.locator("#affected li").count() >= 1
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    page.locator("button[name=affected][value=keep]").click()
    page.wait_for_url(live_server + "/staff/absences")
    results = axe.run(page, options=RULES)
    assert results.violations_count == 0, _describe(results)
    actions = page.locator(".card.block form").evaluate_all("forms => forms.map(f => f.getAttribute('action'))")
    newest = max(actions, key=lambda action: int(action.split("/")[-2]))  # the block just made: give it back
    page.locator(f".card.block form[action='{newest}'] button").click()
    page.wait_for_url(live_server + "/staff/absences")
    assert page.locator(f".card.block form[action='{newest}']").count() == 0
