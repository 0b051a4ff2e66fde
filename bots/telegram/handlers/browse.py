"""Topics, kitas and entries: the directory read in the chat's language."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlmodel import Session
from telegram import Update

from bots.telegram import render
from bots.telegram.runtime import BotContext, button, chat_lang, gettext, keyboard, link
from bots.telegram.send import acknowledge, say_all, show
from bots.telegram.text import direct, esc
from service import counters
from service.directory import queries
from service.directory.queries import EntryView
from service.errors import NotFound
from service.present import links
from service.present.cache import VersionedCache, directory_stamp
from service.present.entries import button_title
from service.present.times import berlin_today
from service.present.topics import topic_name

T = TypeVar("T")


def _cached(session: Session, cache: VersionedCache, key: Hashable, build: Callable[[], T]) -> T:
    """A directory value kept per directory version and Berlin date."""
    return cache.get(key, build, directory_stamp(session))


def _topics(session: Session, cache: VersionedCache, lang: str) -> list[tuple[str, str]]:
    return _cached(session, cache, ("topics", lang), lambda: [
        (t.slug, topic_name(t.names, lang, t.slug)) for t in queries.list_topics(session)])


def _topic_entries(session: Session, cache: VersionedCache, slug: str, lang: str) -> tuple[str, list[tuple[str, str]]]:
    def compute() -> tuple[str, list[tuple[str, str]]]:
        topic = queries.get_topic(session, slug)
        return (topic_name(topic.names, lang, slug),
                [(v.slug, button_title(v)) for v in queries.list_entries(session, lang, topic=slug)])

    return _cached(session, cache, ("topic", slug, lang), compute)


async def topics(update: Update, context: BotContext) -> None:
    """/topics and the menu's topics button."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    rows = [[button(name, f"t:{slug}")] for slug, name in await context.db(_topics, context.runtime.cache, lang)]
    await show(update, context, direct(esc(_("Choose a topic:")), lang), keyboard(rows))


async def topic(update: Update, context: BotContext) -> None:
    """A topic button: the entries of that topic."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    slug = update.callback_query.data.removeprefix("t:")  # type: ignore[union-attr]
    name, entries = await context.db(_topic_entries, context.runtime.cache, slug, lang)  # NotFound: errors.py
    rows = [[button(title, f"e:{entry}")] for entry, title in entries]
    rows.append([button(_("Back"), "topics")])
    text = f"<b>{esc(name)}</b>\n" + esc(_("Choose an offer:") if entries else _("There is nothing in this topic yet."))
    await show(update, context, direct(text, lang), keyboard(rows))


def _load_entry(session: Session, cache: VersionedCache, slug: str, lang: str,
                count: bool) -> tuple[EntryView, list[str]]:
    """The entry and its card (cached), and one anonymous view counted."""

    def compute() -> tuple[EntryView, list[str]]:
        view = queries.get_entry(session, slug, lang)
        return view, [render.entry_card(view)]

    view, parts = _cached(session, cache, ("entry", slug, lang), compute)
    if count:
        counters.count("entry_view", berlin_today(), entry=slug, lang=lang, source="bot",
                       topic=view.topics[0] if view.topics else None)
    return view, parts


async def send_entry(update: Update, context: BotContext, slug: str, lang: str) -> bool:
    """Send one entry in `lang` with its buttons; False when it does not exist."""
    runtime = context.runtime
    try:
        view, parts = await context.db(_load_entry, runtime.cache, slug, lang, runtime.settings.analytics_enabled)
    except NotFound:
        return False
    await say_all(update, context, parts, render.entry_keyboard(runtime, view))
    return True


async def entry(update: Update, context: BotContext) -> None:
    """An entry button."""
    lang = chat_lang(update, context)
    await acknowledge(update)
    slug = update.callback_query.data.removeprefix("e:")  # type: ignore[union-attr]
    if not await send_entry(update, context, slug, lang):
        _ = gettext(lang)
        await show(update, context, direct(esc(_("This information is no longer available.")), lang),
                   render.menu_keyboard(lang))


def _load_section(session: Session, cache: VersionedCache, slug: str, lang: str,
                  key: str) -> tuple[EntryView, list[str]]:
    def compute() -> tuple[EntryView, list[str]]:
        view = queries.get_entry(session, slug, lang)
        return view, render.section_messages(view, key)

    return _cached(session, cache, ("section", slug, lang, key), compute)


async def section(update: Update, context: BotContext) -> None:
    """A section button under an entry's card (es:<section>:<entry>): that section, then back or book."""
    lang = chat_lang(update, context)
    await acknowledge(update)
    code, _sep, slug = (update.callback_query.data or "").removeprefix("es:").partition(":")  # type: ignore[union-attr]
    key = render.SECTION_BY_CODE.get(code)
    view, parts = await context.db(_load_section, context.runtime.cache, slug, lang, key or "")  # NotFound: errors.py
    if not parts:
        await send_entry(update, context, slug, lang)
        return
    await say_all(update, context, parts, render.section_keyboard(view))


def kita_names(session: Session, cache: VersionedCache) -> list[tuple[str, str]]:
    return _cached(session, cache, "kitas", lambda: [(k.slug, k.name) for k in queries.list_kitas(session)])


async def kitas(update: Update, context: BotContext) -> None:
    """/kitas and the menu's kitas button."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    rows = [[button(name, f"k:{slug}")] for slug, name in await context.db(kita_names, context.runtime.cache)]
    await show(update, context, direct(esc(_("The five plusKITAs in Erkelenz. Choose your kita:")), lang),
               keyboard(rows))


def _kita_html(session: Session, cache: VersionedCache, slug: str, lang: str) -> str:
    def compute() -> str:
        kita = queries.get_kita(session, slug)
        texts, _german = queries.kita_texts(session, kita, lang)
        return render.kita_html(kita, texts, lang)

    return _cached(session, cache, ("kita", slug, lang), compute)


async def kita(update: Update, context: BotContext) -> None:
    """A kita button: the kita and what its social worker does, with booking."""
    lang = chat_lang(update, context)
    _ = gettext(lang)
    slug = update.callback_query.data.removeprefix("k:")  # type: ignore[union-attr]
    try:
        html = await context.db(_kita_html, context.runtime.cache, slug, lang)
    except NotFound:
        await kitas(update, context)
        return
    await show(update, context, html, keyboard([
        [button(_("Book a talk here"), f"b:{slug}")],
        [link(_("Open on the web"), context.runtime.web_url(links.kita_path(lang, slug)))],
        [button(_("Back"), "kitas")],
    ]))
