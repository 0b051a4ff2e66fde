"""The shared gettext catalogs: nothing untranslated or fuzzy, and every placeholder kept in every language."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from service.catalogs import missing, po_path
from service.i18n import LANGUAGE_CODES

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def _names(text: str) -> set[str]:
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


def test_no_untranslated_or_fuzzy_messages() -> None:
    gaps = missing()
    assert not gaps, "untranslated or fuzzy: " + "; ".join(f"{lang}: {ids[:5]}" for lang, ids in gaps.items())


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_placeholders_match(lang: str) -> None:
    with open(po_path(lang), "rb") as handle:
        catalog = read_po(handle, locale=lang)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            allowed = _names(message.id[0]) | _names(message.id[1])
            for form in message.string:
                # a plural form may leave out the count ("شهر واحد"), never add or rename a placeholder
                if form and not _names(form) <= allowed:
                    wrong.append((message.id[0], form))
        elif message.string and _names(message.string) != _names(message.id):
            wrong.append((message.id, message.string))
    assert not wrong, wrong


def test_the_check_sees_a_broken_placeholder() -> None:
    assert _names("Hallo %(name)s") != _names("Hallo %(nmae)s")
    assert _names("%(num)d Monate") == {"%(num)d"}
