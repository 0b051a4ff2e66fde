"""Views of the finder: the form, the result (a POST answer, never a URL with answers) and the shared list."""

from __future__ import annotations

from flask import g, render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from service.directory.queries import confidential_slugs, kita_summaries, list_entries
from service.directory.schema import SLUG_RE
from service.errors import InvalidInput
from service.finder import find_help, parse_answers
from service.finder.labels import INCOME_LABELS, SUPPORT_LABELS, WORRY_LABELS
from service.present import links
from service.web.database import db
from service.web.errors import render_error
from service.web.finder import bp
from service.web.finder.form import ERRORS, FinderForm, raw_answers
from service.web.public.common import absolute, qr_svg, share_links
from service.web.state import settings

MAX_SHARED = 30


def _kitas(lang: str) -> list[dict]:
    return [{"slug": kita.slug, "name": kita.name, "book": links.booking_path(lang, kita.slug)}
            for kita, _summary in kita_summaries(db(), lang)]


def _page(template: str, status: int = 200, **context):  # noqa: ANN202 - a Flask response
    lang = g.lang
    context.setdefault("form", FinderForm())
    response = render_template(
        template, incomes=INCOME_LABELS.items(), supports=SUPPORT_LABELS.items(), worries=WORRY_LABELS.items(),
        kitas=_kitas(lang),
        bot=links.telegram_link(settings().telegram_bot_username, links.deep_link_finder(lang)), **context)
    return response, status, {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@bp.get("/<lang>/finder")
def form(lang: str):
    """The questions: every one can be skipped."""
    return _page("finder/form.html", answers=MultiDict(), errors={})


@bp.post("/<lang>/finder")
def result(lang: str):
    """Apply the rules to the posted answers; nothing is stored (only the anonymous counter)."""
    finder_form = FinderForm()
    if not finder_form.validate_on_submit():
        return render_error(400, "csrf")
    raw = raw_answers(request.form)
    try:
        answers = parse_answers(raw)
    except InvalidInput as exc:
        errors = {name: str(ERRORS.get(code, ERRORS["choice"])) for name, code in exc.fields.items()}
        return _page("finder/form.html", 422, answers=request.form, errors=errors, form=finder_form)
    answer = find_help(db(), answers, g.lang, source="web" if settings().analytics_enabled else None)
    share = _share_url(g.lang, answer.shareable_slugs)
    return _page("finder/result.html", answer=answer, answers=request.form, share=share,
                 share_links=share_links(_("Help that may fit our family"), share, g.lang) if share else [],
                 qr=qr_svg(share, _("Help that may fit our family")) if share else "")


def _share_url(lang: str, slugs: list[str]) -> str:
    return absolute(f"/{lang}/finder/shared?e={','.join(slugs)}") if slugs else ""


@bp.get("/<lang>/finder/shared")
def shared(lang: str):
    """The entries of a shared result, in the reader's language: slugs only, crisis entries never shown."""
    wanted = [slug for slug in request.args.get("e", "")[:1600].split(",") if SLUG_RE.fullmatch(slug)][:MAX_SHARED]
    views = {view.slug: view for view in list_entries(db(), g.lang)}
    hidden = confidential_slugs(db())
    entries = [views[slug] for slug in dict.fromkeys(wanted) if slug in views and slug not in hidden]
    return _page("finder/shared.html", entries=entries)
