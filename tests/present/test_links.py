"""Web paths and the bot's deep links: built and parsed in one module."""

from __future__ import annotations

import pytest

from service.i18n import LANGUAGE_CODES
from service.present import links


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_deep_links_round_trip(lang: str) -> None:
    assert links.parse_deep_link(links.deep_link_entry(lang, "kindergeld")) == links.DeepLink(
        links.ENTRY, lang, "kindergeld")
    assert links.parse_deep_link(links.deep_link_booking(lang, "gerderath")) == links.DeepLink(
        links.BOOKING, lang, "gerderath")
    assert links.parse_deep_link(links.deep_link_finder(lang)) == links.DeepLink(links.FINDER, lang)
    assert len(links.deep_link_entry(lang, "a" * 48)) <= 64  # Telegram's limit for a payload


@pytest.mark.parametrize("payload", ["", "e_xx_kindergeld", "e_de_Kinder_geld", "e_de_", "b_de_a b", "x_de_a",
                                     "e_de_" + "a" * 49, "f_", "f_zz", "e_de_kindergeld\n"])
def test_foreign_payloads_are_not_links(payload: str) -> None:
    assert links.parse_deep_link(payload) is None


def test_aliases_are_mapped() -> None:
    assert links.parse_deep_link("e_ua_kindergeld").lang == "uk"
    assert links.parse_deep_link("b_kmr_gerderath").lang == "ku"


def test_web_urls() -> None:
    assert links.web_url("https://w.test/", links.entry_path("ar", "kindergeld"), "bot") == \
        "https://w.test/ar/e/kindergeld?src=bot"
    assert links.web_url("https://w.test", links.booking_path("de", "gerderath")) == \
        "https://w.test/de/kitas/gerderath/book"
    assert links.web_url("https://w.test", "/de/", "evil") == "https://w.test/de/"
    assert links.is_local("http://127.0.0.1:8000") and not links.is_local("https://w.test")
    assert links.telegram_link("wegweiser_bot", "e_de_kindergeld") == \
        "https://t.me/wegweiser_bot?start=e_de_kindergeld"
    assert links.telegram_link(None, "e_de_kindergeld") is None
