"""Rendering: splitting under Telegram's limit, right-to-left safety, HTML escaping of entry text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlmodel import Session

from bots.telegram import render
from bots.telegram.runtime import Runtime
from bots.telegram.text import LRI, MAX_MESSAGE, PDI, RLM, bidi, direct, esc, split_html, utf16_len
from service.config import Settings
from service.directory.queries import get_entry, list_entries
from service.i18n import LANGUAGE_CODES
from service.present import entries


class TagChecker(HTMLParser):
    """Fails on unbalanced tags (Telegram rejects a message whose tags do not close)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing"


def balanced(html: str) -> bool:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    return not checker.stack


def test_short_messages_stay_whole() -> None:
    assert split_html("<b>Hallo</b>") == ["<b>Hallo</b>"]
    assert split_html("  ") == []


def test_long_messages_split_at_paragraphs_under_the_limit() -> None:
    paragraphs = [f"<b>Abschnitt {i}</b>\n" + ("Wort " * 150).strip() for i in range(20)]
    parts = split_html("\n\n".join(paragraphs), limit=2000)
    assert len(parts) > 1 and all(utf16_len(p) <= 2000 for p in parts)
    assert all(p.startswith("<b>Abschnitt") for p in parts)  # cut between paragraphs, not inside
    assert "\n\n".join(parts) == "\n\n".join(paragraphs)


def test_an_over_long_paragraph_is_cut_between_words_with_tags_reopened() -> None:
    text = "<b>" + " ".join(f"wort{i}" for i in range(3000)) + "</b>"
    parts = split_html(text, limit=1000)
    assert len(parts) > 10
    for part in parts:
        assert utf16_len(part) <= 1000 and balanced(part)
        assert part.startswith("<b>") and part.endswith("</b>")
    words = " ".join(p.removeprefix("<b>").removesuffix("</b>") for p in parts).split()
    assert words == [f"wort{i}" for i in range(3000)]


def test_a_giant_word_and_escapes_are_cut_safely() -> None:
    text = esc("<&>" * 2000) + "x" * 9000
    parts = split_html(text, limit=4096)
    assert all(utf16_len(p) <= 4096 for p in parts)
    assert "".join(parts) == text  # no entity was cut in half, nothing lost


def test_limit_counts_utf16_like_telegram() -> None:
    emoji = "🆘" * 3000  # two UTF-16 units each
    parts = split_html(emoji)
    assert len(parts) == 2 and all(utf16_len(p) <= MAX_MESSAGE for p in parts)


def test_rtl_lines_start_with_a_mark_and_numbers_are_isolated() -> None:
    text = direct(esc(bidi("اتصلوا على 0800 4 5555 30\nKinderzuschlag هو مال", "ar")), "ar")
    first, second = text.split("\n")
    assert first.startswith(RLM) and second.startswith(RLM)
    assert f"{LRI}0800 4 5555 30{PDI}" in first
    assert bidi(bidi("0800 4 5555 30", "fa"), "fa") == bidi("0800 4 5555 30", "fa")  # idempotent
    assert direct("Hallo\n0800 1", "de") == "Hallo\n0800 1" and bidi("0800 1", "de") == "0800 1"


def test_long_rtl_parts_each_start_right_to_left() -> None:
    text = direct("<b>" + "كلمة " * 3000 + "</b>", "ar")
    parts = split_html(text, limit=2000)
    assert len(parts) > 1 and all(p.startswith(RLM) for p in parts)


def test_entry_text_is_escaped(loaded) -> None:
    with Session(loaded) as session:
        view = get_entry(session, "kindergeld", "de")
    view.texts["title"] = "Kinder & <Geld>"
    view.texts["how_to_apply"] = ["<script>alert(1)</script>", "A & B"]
    html = render.entry_card(view)
    steps = "".join(render.section_messages(view, "how_to_apply"))
    assert "Kinder &amp; &lt;Geld&gt;" in html and "&lt;script&gt;" in steps and "<script>" not in steps
    assert balanced(html) and balanced(steps)


def test_notice_on_machine_translations(loaded) -> None:
    with Session(loaded) as session:
        view = get_entry(session, "kindergeld", "tr")
    view.status, view.fallback = "machine", []
    assert render.entry_notice(view)
    view.status = "reviewed"
    assert render.entry_notice(view) is None
    view.fallback = ["where"]
    assert render.entry_notice(view)


MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def _labels(markup) -> list[str]:  # noqa: ANN001
    return [b.text for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_shipped_entry_renders_within_limits(loaded, lang: str) -> None:
    """A short card (at most 900) with the sections as buttons; no message over 1,200; labels of at most 40."""
    runtime = Runtime(Settings(public_base_url="https://wegweiser.test"), loaded)
    with Session(loaded) as session:
        views = list_entries(session, lang)
    assert views
    for view in views:
        card = render.entry_card(view)
        assert utf16_len(card) <= render.CARD_MAX and balanced(card), view.slug
        assert view.summary[:20].strip() in card or "…" in card, view.slug
        parts = [card]
        for key in render.SECTION_CODES:
            sections = render.section_messages(view, key)
            assert all(utf16_len(p) <= render.MESSAGE_MAX and balanced(p) for p in sections), (view.slug, key)
            parts += sections
        labels = _labels(render.entry_keyboard(runtime, view)) + _labels(render.section_keyboard(view))
        assert all(len(label) <= 40 and not MARKS.search(label) for label in labels), (view.slug, labels)
        assert len(entries.button_title(view)) <= 40, view.slug
        if lang in {"ar", "fa"}:
            assert all(line.startswith(RLM) for p in parts for line in p.split("\n") if line)
            outside = re.sub("\u2066[^\u2069]*\u2069", "", "".join(parts))
            spaced = re.findall(r"\d+ \d+", outside)
            assert not spaced, (view.slug, spaced[:3])  # every spaced number run is isolated


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_menus_and_dialog_buttons_are_short_and_plain(lang: str) -> None:
    from bots.telegram.handlers.booking import step_buttons

    labels = _labels(render.menu_keyboard(lang)) + _labels(render.mine_keyboard(lang))
    labels += [b.text for b in step_buttons(lang)]
    assert all(len(label) <= 40 and not MARKS.search(label) for label in labels), labels
