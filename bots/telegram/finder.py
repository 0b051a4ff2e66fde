"""The finder in the bot: /finder and the deep link f_<lang>; one question per message, answered by buttons.

State diagram (chat_data["finder"] holds the answers only while the dialog runs; it is removed when the result
is shown or the dialog is left, so the saved chat state forgets them):

    children ─► pregnant ─► adults ─► income ─► earned (if work or not said) ─► support (if one adult)
             ─► disability ─► worries ─► result (answers forgotten)
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update

from bots.telegram.runtime import BotContext, button, chat_lang, chosen_lang, gettext, keyboard, link, set_lang
from bots.telegram.send import acknowledge, say, say_all, show
from bots.telegram.text import direct, esc, split_html
from service.errors import InvalidInput
from service.finder import FinderAnswer, find_help, parse_answers
from service.finder.answers import MAX_CHILD_AGE, MAX_CHILDREN
from service.finder.labels import INCOME_LABELS as INCOME
from service.finder.labels import SUPPORT_LABELS as SUPPORT
from service.finder.labels import WORRY_LABELS as WORRIES
from service.i18n import N_

KEY = "finder"
STEPS = ("children", "pregnant", "adults", "income", "earned", "support", "disability", "worries")
# Gross monthly earnings as ranges; each button stands for its lower end (the finder's thresholds are edges here).
EARNED_RANGES = ((300, N_("under 600 €")), (600, N_("600 to 899 €")), (900, N_("900 to 1,499 €")),
                 (1500, N_("1,500 to 2,499 €")), (2500, N_("2,500 to 3,999 €")), (4000, N_("4,000 to 4,999 €")),
                 (5000, N_("5,000 € or more")))


def _state(context: BotContext) -> dict[str, Any] | None:
    return context.chat_data.get(KEY) if context.chat_data is not None else None


def forget(context: BotContext) -> None:
    """Drop the answers from the chat state (the dialog ended)."""
    if context.chat_data is not None:
        context.chat_data.pop(KEY, None)


async def begin(update: Update, context: BotContext, lang: str | None = None) -> None:
    """/finder, the menu button or the deep link f_<lang>: start with the children's ages."""
    if lang and not chosen_lang(context):
        set_lang(context, lang)
    if context.chat_data is not None:
        context.chat_data[KEY] = {"step": "children", "answers": {"children": []}}
    await _ask(update, context, new=True)


async def command(update: Update, context: BotContext) -> None:
    """/finder."""
    await begin(update, context)


async def press(update: Update, context: BotContext) -> None:
    """Every finder button: `fd:<action>[:<value>]`."""
    query = update.callback_query
    assert query is not None and query.data is not None
    state = _state(context)
    action, _sep, value = query.data.removeprefix("fd:").partition(":")
    if action == "start":
        await acknowledge(update)
        await begin(update, context)
        return
    if state is None:  # a button of a finished finder
        await acknowledge(update)
        await begin(update, context)
        return
    if action == "quit":
        forget(context)
        lang = chat_lang(update, context)
        await show(update, context, direct(esc(gettext(lang)("The finder was closed. Nothing was saved.")), lang))
        return
    _apply(state, action, value)
    if state["step"] == "done":
        await acknowledge(update)
        await _result(update, context)
        return
    await _ask(update, context)


def _apply(state: dict[str, Any], action: str, value: str) -> None:  # noqa: C901 - one branch per button kind
    answers = state["answers"]
    if action == "age" and value.isdigit() and int(value) <= MAX_CHILD_AGE:
        if len(answers["children"]) < MAX_CHILDREN:
            answers["children"].append(int(value))
        return
    if action == "undo":
        if answers["children"]:
            answers["children"].pop()
        return
    if action == "toggle" and value in (INCOME if state["step"] == "income" else WORRIES):
        name = "income" if state["step"] == "income" else "worries"
        chosen = answers.setdefault(name, [])
        if value in chosen:
            chosen.remove(value)
        elif value == "none":
            chosen[:] = ["none"]
        else:
            if "none" in chosen:
                chosen.remove("none")
            chosen.append(value)
        return
    if action == "set":
        name, _sep, raw = value.partition("=")
        converted: dict[str, Any] = {
            "pregnant": {"y": True, "n": False}, "adults": {"1": 1, "2": 2}, "disability": {"y": True, "n": False},
            "child_support": {key: key for key in SUPPORT}, "earned_income": {str(v): v for v, _l in EARNED_RANGES},
        }.get(name, {})
        if raw in converted:
            answers[name] = converted[raw]
    if action in ("set", "next", "skip"):
        state["step"] = _next(state)


def _next(state: dict[str, Any]) -> str:
    answers = state["answers"]
    position = STEPS.index(state["step"]) + 1
    while position < len(STEPS):
        step = STEPS[position]
        if step == "earned" and answers.get("income") and "work" not in answers["income"]:
            position += 1
            continue
        if step == "support" and answers.get("adults") != 1:
            position += 1
            continue
        return step
    return "done"


def _question(state: dict[str, Any], lang: str) -> tuple[str, InlineKeyboardMarkup]:
    _ = gettext(lang)
    step, answers = state["step"], state["answers"]
    skip = button(_("Skip"), "fd:skip")
    if step == "children":
        ages = ", ".join(str(age) for age in answers["children"]) or "–"
        text = "\n\n".join([_("Which help fits our family? Answer a few questions; skip any you like. "
                              "Your answers are not stored."),
                            _("Tap the age of each child (0 = a baby under one year)."),
                            _("Ages so far: %(ages)s", ages=ages)])
        ages_rows = [[button(str(age), f"fd:age:{age}") for age in range(row, min(row + 5, MAX_CHILD_AGE + 1))]
                     for row in range(0, MAX_CHILD_AGE + 1, 5)]
        return text, keyboard([*ages_rows, [button(_("Remove the last age"), "fd:undo")],
                               [button(_("Next"), "fd:next")], [button(_("Close the finder"), "fd:quit")]])
    if step in ("pregnant", "disability"):
        text = (_("Are you expecting a baby?") if step == "pregnant"
                else _("Does a child have a disability or develop more slowly?"))
        name = step
        return text, keyboard([[button(_("Yes"), f"fd:set:{name}=y"), button(_("No"), f"fd:set:{name}=n")],
                               [skip]])
    if step == "adults":
        return _("How many adults are raising the children?"), keyboard([
            [button(_("One (I raise them alone)"), "fd:set:adults=1"), button(_("Two"), "fd:set:adults=2")],
            [skip]])
    if step in ("income", "worries"):
        labels, chosen = (INCOME, answers.get("income", [])) if step == "income" else (
            WORRIES, answers.get("worries", []))
        text = (_("What money does the household have now? Tap all that apply, then Next.") if step == "income"
                else _("What worries you? Tap all that apply, then Show what may fit."))
        rows = [[button(("✅ " if key in chosen else "") + _(label), f"fd:toggle:{key}")] for key, label in
                labels.items()]
        last = button(_("Next"), "fd:next") if step == "income" else button(_("Show what may fit"), "fd:next")
        return text, keyboard([*rows, [last]])
    if step == "earned":
        rows = [[button(_(label), f"fd:set:earned_income={value}")] for value, label in EARNED_RANGES]
        return _("Roughly how much do you earn from work per month, gross (as on the pay slip), together?"), \
            keyboard([*rows, [skip]])
    rows = [[button(_(label), f"fd:set:child_support={key}")] for key, label in SUPPORT.items()]
    return _("Does the other parent pay child support?"), keyboard([*rows, [skip]])


async def _ask(update: Update, context: BotContext, new: bool = False) -> None:
    state = _state(context)
    if state is None:
        return
    lang = chat_lang(update, context)
    text, markup = _question(state, lang)
    if new or update.callback_query is None:
        await say(update, context, direct(esc(text), lang), markup)
    else:
        await show(update, context, direct(esc(text), lang), markup)


async def _result(update: Update, context: BotContext) -> None:
    state = _state(context)
    forget(context)  # the answers leave the chat state before anything else happens
    lang = chat_lang(update, context)
    try:
        answers = parse_answers({k: v for k, v in (state or {}).get("answers", {}).items() if v != []})
    except InvalidInput:
        answers = parse_answers({})
    counting = context.runtime.settings.analytics_enabled
    answer: FinderAnswer = await context.db(lambda session: _find(session, answers, lang, counting))
    await say_all(update, context, split_html(direct(card_text(answer, lang), lang)),
                  result_keyboard(context, answer, lang))


def _find(session: Session, answers: Any, lang: str, counting: bool) -> FinderAnswer:
    return find_help(session, answers, lang, source="bot" if counting else None)


def card_text(answer: FinderAnswer, lang: str) -> str:
    """The result as short cards: level and title, the reason; then what does not fit; the disclaimer."""
    _ = gettext(lang)
    parts = [f"<b>{esc(_('Help that may fit our family'))}</b>"]
    for item in answer.results:
        level = _("Likely to fit") if item.level == "likely" else _("May fit")
        mark = "✅" if item.level == "likely" else "🔹"
        parts.append(f"{mark} <b>{esc(item.title)}</b> – {esc(level)}\n{esc(item.reason)}")
    if not answer.results:
        parts.append(esc(_("From your answers we found nothing specific. Your kita social worker can look at your "
                           "situation with you.")))
    if answer.not_fitting:
        parts.append(f"<b>{esc(_('What does not fit, and why'))}</b>")
        parts += [f"✖️ <b>{esc(item.title)}</b>\n{esc(item.reason)}" for item in answer.not_fitting]
    parts.append(f"<i>{esc(answer.disclaimer)}</i>")
    return "\n\n".join(parts)


def result_keyboard(context: BotContext, answer: FinderAnswer, lang: str) -> InlineKeyboardMarkup:
    """One button per fitting entry (opens it here), the web page, booking a talk, the menu."""
    _ = gettext(lang)
    rows = [[button(item.button or item.title, f"e:{item.slug}")] for item in answer.results]
    rows.append([link(_("Open the finder on the web"), context.runtime.web_url(f"/{lang}/finder"))])
    rows.append([button(_("Book a talk with the kita social worker"), "book")])
    rows.append([button(_("Start again"), "fd:start"), button(_("Menu"), "menu")])
    return keyboard(rows)


__all__ = ["begin", "command", "forget", "press"]
