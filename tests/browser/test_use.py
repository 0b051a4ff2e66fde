"""Keyboard-only search, 360 px without horizontal scrolling, mirrored right-to-left layout, the enhancements."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

NARROW = {"width": 360, "height": 740}


def test_keyboard_only_search(page, live_server: str) -> None:
    page.goto(live_server + "/de/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q", "the search box is not reachable with Tab"
    page.keyboard.type("Kindergeld")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/de/search\?q=Kindergeld"))
    first_result = page.locator("ol.cards a").first
    assert first_result.count() == 1
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('ol.cards') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("/de/e/")
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none", "the focused link shows no focus outline"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/de/e/"))
    assert page.locator("h1").count() == 1


def test_skip_link_moves_focus_to_the_content(page, live_server: str) -> None:
    page.goto(live_server + "/ar/e/kindergeld")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("lang", ["de", "ar", "fa", "uk"])
@pytest.mark.parametrize("path", ["/", "/e/kindergeld", "/e/bildung-und-teilhabe", "/search?q=kindergeld",
                                  "/topics/crisis-protection", "/kitas/kamp-lintforter-strasse", "/e/kindergeld/print"])
def test_no_horizontal_scroll_at_360px(browser, live_server: str, shots_dir, lang: str, path: str) -> None:
    context = browser.new_context(viewport=NARROW, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server}/{lang}{path}")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1 || e.getBoundingClientRect().left < -1)
        .filter(e => !e.closest('.visually-hidden, .skip'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    name = f"{lang}{path}".replace("/", "_").replace("?", "_").replace("=", "-")
    page.screenshot(path=str(shots_dir / f"{name}.png"), full_page=True)
    context.close()
    assert width <= NARROW["width"], f"page is {width}px wide; too wide: {wide}"


@pytest.mark.parametrize("lang,rtl", [("ar", True), ("fa", True), ("de", False), ("ku", False)])
def test_layout_mirrors_for_right_to_left(page, live_server: str, lang: str, rtl: bool) -> None:
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server}/{lang}/e/kindergeld")
    assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if rtl else "ltr")
    brand = page.locator(".brand").bounding_box()
    switcher = page.locator(".langs summary").bounding_box()
    assert (brand["x"] > switcher["x"]) is rtl
    amount = page.locator(".amounts li").first
    border_side = "right" if rtl else "left"
    assert amount.evaluate(f"e => getComputedStyle(e).border{border_side.title()}Width") == "5px"
    steps = page.locator("ol.steps").bounding_box()
    first_step = page.locator("ol.steps li").first.bounding_box()
    if rtl:
        assert first_step["x"] + first_step["width"] < steps["x"] + steps["width"]  # number space on the right
    else:
        assert first_step["x"] > steps["x"]


def test_quick_exit_replaces_the_page_in_history(page, live_server: str) -> None:
    page.route("https://www.wetter.com/**", lambda route: route.fulfill(body="<title>Wetter</title>weather",
                                                                        content_type="text/html"))
    page.goto(live_server + "/de/")
    page.goto(live_server + "/de/topics/crisis-protection")
    page.locator("[data-quick-exit]").click()
    page.wait_for_url("https://www.wetter.com/")
    page.go_back()
    assert page.url == live_server + "/de/", "the protection page is still in the history"


def test_copy_link(browser, live_server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server + "/de/e/kindergeld")
    button = page.locator("[data-copy='#share-url']")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('#copy-status').textContent.length > 0")
    assert page.locator("#copy-status").inner_text() == "Link kopiert."
    assert page.evaluate("navigator.clipboard.readText()") == live_server + "/de/e/kindergeld?src=share"
    context.close()


FAKE_SPEECH = """
window.__spoken = [];
const voices = [{lang: '%s', name: 'Test voice'}];
const synth = {getVoices: () => voices, speak: u => window.__spoken.push([u.text, u.lang]), cancel: () => {},
               addEventListener: () => {}};
Object.defineProperty(window, 'speechSynthesis', {value: synth});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_read_aloud_uses_a_voice_of_the_page_language(page, live_server: str) -> None:
    page.add_init_script(FAKE_SPEECH % "ar-SA")
    page.goto(live_server + "/ar/e/kindergeld")
    button = page.locator("[data-read-aloud]")
    assert button.is_visible()
    button.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0][1] == "ar-SA" and "الطفل" in spoken[0][0]
    assert all("Kita-Wegweiser" not in text for text, _ in spoken)  # header, share box and notices are skipped
    assert button.get_attribute("aria-pressed") == "true"


def test_read_aloud_stays_hidden_without_a_voice(page, live_server: str) -> None:
    page.add_init_script(FAKE_SPEECH % "en-US")
    page.goto(live_server + "/ar/e/kindergeld")
    assert not page.locator("[data-read-aloud]").is_visible()


def test_pages_work_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/de/")
    page.fill("#q", "Kindergeld")
    page.locator("form.search button").click()
    page.wait_for_url(re.compile(r"/de/search"))
    assert page.locator("ol.cards a").count() >= 1
    page.locator("details.langs summary").click()
    page.locator("a[hreflang=ar]").click()
    page.wait_for_url(re.compile(r"/ar/search\?q=Kindergeld"))
    context.close()


def test_no_request_leaves_the_machine(page, live_server: str) -> None:
    seen: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in ("/de/", "/ar/e/kindergeld", "/de/e/kindergeld/print", "/fa/topics/money", "/de/kitas/loevenich/book"):
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
        qr = page.locator("img[src*='qr.svg']")
        if qr.count():  # bring the lazy QR code into view and wait until it has loaded
            qr.first.scroll_into_view_if_needed()
            qr.first.evaluate("img => img.complete && img.naturalWidth ? 1 : new Promise(r => img.onload = r)")
        page.wait_for_load_state("networkidle")
    assert seen and all(url.startswith(live_server) for url in seen), [u for u in seen if not u.startswith(live_server)]
    assert any(url.endswith("/qr.svg") for url in seen)
    assert not problems, problems  # no script errors, nothing the content security policy had to block
