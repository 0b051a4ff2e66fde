"""Home, search, topic, kita and the static pages (about, privacy, imprint)."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template, request, send_from_directory
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, or_, select

from service.directory.models import Kita
from service.directory.queries import (
    get_kita,
    get_page,
    get_topic,
    kita_social_workers,
    kita_summaries,
    kita_texts,
    list_entries,
    list_topics,
)
from service.directory.translation_note import fill_translation_note, translation_note
from service.errors import NotFound
from service.present.formats import format_address
from service.present.hours import WEEKDAYS, format_hours
from service.present.links import booking_path
from service.search import SearchResponse, only_directory_words, record_search
from service.web.assets import Body, respond
from service.web.database import db
from service.web.public import bp
from service.web.public.common import CRISIS_TOPIC, cached, check_slug, memo, search_pages
from service.web.public.search import run_search
from service.web.state import settings

PAGES = {
    "about": (_l("About this service"), _l(
        "Kita-Wegweiser helps the families of the five plusKITAs in Erkelenz to find benefits, counselling and "
        "help in their own language, and to book a talk with their kita social worker.")),
    "privacy": (_l("Data protection"), _l(
        "This service sets no tracking cookies and loads nothing from other websites. Page views are only "
        "counted anonymously, per day. When you book a talk, your first name and your phone number or e-mail "
        "address are used only to arrange the appointment and are erased %(days)s days after it.")),
    "imprint": (_l("Imprint"), _l(
        "Kita-Wegweiser is a service of the kita social work of the town of Erkelenz (Jugendamt der Stadt "
        "Erkelenz).")),
}


def kita_boxes(session: Session, lang: str) -> list[dict]:
    """The five kitas for the "talk to your kita social worker" box (kept per directory version)."""
    def build() -> list[dict]:
        return [{"slug": kita.slug, "name": kita.name, "address": format_address(kita.address), "summary": summary,
                 "book": booking_path(lang, kita.slug)} for kita, summary in kita_summaries(session, lang)]
    return memo(f"kitas:{lang}", build)


def topic_rows(session: Session) -> list:
    return memo("topics", lambda: list_topics(session))


@bp.get("/<lang>/")
def home(lang: str):
    """One big search box, the topics, the five kitas, the kita social worker."""
    def build() -> str:
        session = db()
        return render_template("public/home.html", topics=topic_rows(session), kitas=kita_boxes(session, lang))
    return cached(build)


@bp.get("/<lang>/search")
def search(lang: str):
    """Search results; when nothing fits: suggestions, the topics and the kita social worker. A page whose query is
    made only of directory words is kept per directory version; one with a name, a street or a number never is."""
    query = request.args.get("q", "").strip()[:200]
    session = db()

    def searched() -> tuple[Body, SearchResponse | None]:
        result = run_search(session, query, lang) if query else None
        return Body.of(render_template("public/search.html", query=query, result=result,
                                       browse=browse_box(session, lang))), result
    keep = not query or only_directory_words(session, query)
    page, result = memo(("search", lang, query), searched, search_pages()) if keep else searched()
    if result is not None and settings().analytics_enabled:
        record_search(result, lang)  # every search counts, kept page or not
    return respond(page)


def browse_box(session: Session, lang: str) -> Markup:
    """The topics and the talk box under a search, rendered once per language and directory version."""
    return memo(f"browse:{lang}", lambda: Markup(render_template(
        "public/_browse.html", topics=topic_rows(session), kitas=kita_boxes(session, lang))))


@bp.get("/<lang>/topics/<topic>")
def topic(lang: str, topic: str):
    """One topic with its entries."""
    check_slug(topic)

    def build() -> str:
        session = db()
        item = get_topic(session, topic)
        return render_template("public/topic.html", topic=item, entries=list_entries(session, lang, topic=topic),
                               kitas=kita_boxes(session, lang), quick_exit=topic == CRISIS_TOPIC)
    return cached(build)


def consultation_hours(session: Session, kita: Kita, lang: str) -> list[dict]:
    """The kita's weekly consultation windows (from the booking schedules), when that part is installed."""
    try:
        from service.booking.models import Schedule
    except ImportError:
        return []
    today = date.today()
    try:
        rows = session.exec(
            select(Schedule).where(Schedule.kita_id == kita.id, Schedule.valid_from <= today,
                                   or_(Schedule.valid_until == None, Schedule.valid_until >= today))  # noqa: E711
            .order_by(Schedule.weekday, Schedule.opens)
        ).all()
    except SQLAlchemyError:
        session.rollback()
        return []
    workers = {w.id: w for w in kita_social_workers(session, kita)}
    hours = []
    for row in rows:
        worker = workers.get(row.social_worker_id)
        line = format_hours([{"days": [WEEKDAYS[row.weekday]], "from": f"{row.opens:%H:%M}",
                              "to": f"{row.closes:%H:%M}"}], lang)[0]
        hours.append({"when": line, "who": worker.name if worker else ""})
    return hours


@bp.get("/<lang>/kitas/<kita>")
def kita(lang: str, kita: str):
    """One kita: its texts, its social worker's consultation hours, and booking."""
    check_slug(kita)

    def build() -> str:
        session = db()
        item = get_kita(session, kita)
        texts, german = kita_texts(session, item, lang)
        workers = kita_social_workers(session, item)
        return render_template("public/kita.html", kita=item, texts=texts, german=german,
                               address=format_address(item.address), workers=workers,
                               examples=any(w.is_example for w in workers),
                               hours=consultation_hours(session, item, lang), book=booking_path(lang, item.slug))
    return cached(build)


def body_blocks(body: str) -> list[tuple[str, object]]:
    """The pages' small markup: blank-line paragraphs, "## " headings, "- " list items."""
    blocks: list[tuple[str, object]] = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            blocks.append(("h2", lines[0][3:]))
            lines = lines[1:]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append(("ul", [line[2:] for line in lines]))
        elif lines:
            blocks.append(("p", " ".join(lines)))
    return blocks


def _static_page(lang: str, page: str):
    def build() -> str:
        try:
            row, german = get_page(db(), page, lang)
            body = fill_translation_note(row.body, translation_note(db(), row.lang))
            title, blocks, status = row.title, body_blocks(body), row.status
        except NotFound:
            title_text, body_text = PAGES[page]
            days = current_app.extensions["wegweiser"].settings.retention_days
            title, blocks, german, status = str(title_text), [("p", str(body_text) % {"days": days}
                                                               if page == "privacy" else str(body_text))], False, ""
        return render_template("public/page.html", page=page, title=title, blocks=blocks, german=german,
                               status=status)
    return cached(build)


@bp.get("/<lang>/about")
def about(lang: str):
    """About kita social work and this service."""
    return _static_page(lang, "about")


@bp.get("/<lang>/privacy")
def privacy(lang: str):
    """Data protection."""
    return _static_page(lang, "privacy")


@bp.get("/<lang>/imprint")
def imprint(lang: str):
    """Imprint."""
    return _static_page(lang, "imprint")


ROBOTS = """User-agent: *
Disallow: /staff/
Disallow: /api/
Disallow: /calendar/
Disallow: /*/booking
Disallow: /*/kitas/*/book
Disallow: /*/e/*/print
"""


@bp.get("/robots.txt")
def robots():
    """What crawlers may read: the public pages, never booking, staff or API addresses."""
    response = current_app.response_class(ROBOTS, mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it; answer with the SVG icon instead of a 404."""
    return send_from_directory(current_app.static_folder or "", "icons/logo.svg", mimetype="image/svg+xml",
                               max_age=86400)
