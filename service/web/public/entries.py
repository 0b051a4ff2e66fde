"""An entry's page, its QR code and its one-page print view."""

from __future__ import annotations

from flask import Response, render_template
from flask_babel import gettext as _

from service.directory.queries import EntryView, get_entry
from service.present import entries, formats
from service.present.links import entry_path
from service.web.database import db
from service.web.public import bp
from service.web.public.common import (
    CRISIS_TOPIC,
    absolute,
    bot_link,
    cached,
    check_slug,
    count,
    memo,
    qr_svg,
    share_links,
    source,
)
from service.web.public.views import kita_boxes, topic_rows


def _context(view: EntryView, lang: str) -> dict:
    """Everything the entry templates show, formatted for the language."""
    url = absolute(entry_path(lang, view.slug))
    topics = {t.slug: t for t in topic_rows(db())}
    return {
        "entry": view,
        "sections": {s.key: s for s in entries.sections(view, lang)},
        "amounts": entries.amounts(view, lang),
        "deadlines": entries.deadlines(view, lang),
        "phones": entries.phones(view, lang),
        "places": entries.places(view, lang),
        "verified_on": formats.format_date(view.facts["verified_on"], lang) if view.facts.get("verified_on")
        else "",
        "topics": [topics[s] for s in view.topics if s in topics],
        "share_url": f"{url}?src=share",
        "qr_url": f"{url}?src=qr",
        "share_links": share_links(view.title, f"{url}?src=share", lang),
        "bot_link": bot_link(lang, view.slug),
        "quick_exit": CRISIS_TOPIC in view.topics,
        "heading": entries.heading,
    }


@bp.get("/<lang>/e/<slug>")
def entry(lang: str, slug: str):
    """One entry in the parent's language, German per missing field, with the share box."""
    check_slug(slug)

    def build() -> str:
        view = get_entry(db(), slug, lang)
        return render_template("public/entry.html", kitas=kita_boxes(db(), lang), **_context(view, lang))
    page = cached(build)
    src = source()
    topic = memo(f"first-topic:{slug}", lambda: next(iter(get_entry(db(), slug, lang).topics), None))
    count("entry_view", entry=slug, topic=topic, lang=lang, source=src)
    if src:
        count("share_open", entry=slug, lang=lang, source=src)
    return page


@bp.get("/<lang>/e/<slug>/qr.svg")
def entry_qr(lang: str, slug: str):
    """The QR code of the entry's absolute link (`?src=qr`)."""
    get_entry(db(), check_slug(slug), lang)  # 404 for unknown entries
    svg = qr_svg(absolute(entry_path(lang, slug)) + "?src=qr", _("QR code"))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


DENSE_PRINT = 1400  # printed characters above which the sheet uses a smaller type to stay on one page


def _print_length(view: EntryView) -> int:
    """About how much the print view holds: texts, and a line's worth for each amount and phone."""
    texts = view.texts
    items = [texts.get("summary") or "", *(texts.get("how_to_apply") or []), *(texts.get("what_to_bring") or [])]
    return sum(len(item) for item in items) + 60 * (len(view.facts.get("amounts") or [])
                                                     + len(view.facts.get("phones") or []))


@bp.get("/<lang>/e/<slug>/print")
def entry_print(lang: str, slug: str):
    """One A4 page with the essentials and a large QR code, right-to-left where the language is."""
    check_slug(slug)

    def build() -> str:
        view = get_entry(db(), slug, lang)
        context = _context(view, lang)
        return render_template("public/print.html", qr=qr_svg(context["qr_url"], _("QR code")),
                               dense=_print_length(view) > DENSE_PRINT, **context)
    return cached(build)
