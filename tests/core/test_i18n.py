"""Language codes, aliases and negotiation as pinned in the contract."""

import pytest

from service.i18n import LANGUAGE_CODES, client_language, language, negotiate, normalize_lang


def test_ten_languages_in_contract_order() -> None:
    assert LANGUAGE_CODES == ("de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "fa", "ku")


@pytest.mark.parametrize("tag,code", [
    ("kmr", "ku"), ("ua", "uk"), ("prs", "fa"), ("fa-AF", "fa"), ("de-AT", "de"), ("TR", "tr"),
    ("pt-BR", None), ("", None), (None, None), ("x" * 300, None),
])
def test_aliases(tag, code) -> None:
    assert normalize_lang(tag) == code


def test_direction() -> None:
    assert [c for c in LANGUAGE_CODES if language(c).rtl] == ["ar", "fa"]


@pytest.mark.parametrize("header,expected", [
    ("ar-SY,ar;q=0.9,en;q=0.5", "ar"),
    ("pt-BR, en;q=0.3", "en"),
    ("fr, es", "de"),
    ("uk;q=0.2, ru;q=0.8", "ru"),
    ("en;q=abc, tr", "tr"),
    (None, "de"),
])
def test_negotiate(header, expected) -> None:
    assert negotiate(header) == expected


@pytest.mark.parametrize("code,expected", [("ar", "ar"), ("uk-UA", "uk"), ("es", "en"), ("pt-br", "en"),
                                           ("kmr", "ku"), (None, "de"), ("", "de")])
def test_a_telegram_client_language_we_do_not_offer_gets_english(code, expected) -> None:
    assert client_language(code) == expected
