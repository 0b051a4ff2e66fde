"""build_application(settings): the Telegram front end wired over the core (no global state)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bots.telegram import feedback, finder, jobs
from bots.telegram.handlers import browse, dialog, forget, guard, mine, search, start
from bots.telegram.http import AiohttpRequest
from bots.telegram.persistence import DatabasePersistence
from bots.telegram.processor import ChatOrderedProcessor, FloodGuard
from bots.telegram.runtime import BotContext, Runtime
from service.config import Settings
from service.db import make_engine
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES, N_, translator
from service.reports.counters import start_counters

COMMANDS = (
    ("start", N_("Start")), ("topics", N_("Topics")), ("kitas", N_("Kitas")), ("book", N_("Book a talk")),
    ("mybookings", N_("My booked talks")), ("language", N_("Language")), ("help", N_("Help")),
    ("privacy", N_("Privacy")), ("delete", N_("Delete my data")), ("finder", N_("Which help fits us?")),
)
# Media a parent might send instead of typing.
NOT_TEXT = (filters.VOICE | filters.AUDIO | filters.VIDEO | filters.VIDEO_NOTE | filters.PHOTO | filters.Sticker.ALL
            | filters.Document.ALL | filters.LOCATION | filters.CONTACT | filters.ANIMATION | filters.POLL)


def build_application(settings: Settings, *, engine: Engine | None = None, flood: FloodGuard | None = None,
                      concurrency: int = 64, connections: int = 8, outgoing_limit: bool | None = None,
                      persistence_interval: float = 1.0, jobs_enabled: bool = True) -> Application:
    """The bot for these settings: our database as persistence, handlers by flow, reminders from the database.

    `outgoing_limit` (Telegram's flood limits for the bot's own messages) defaults to on when talking to
    Telegram itself and off for a self-hosted Bot API server or the tests' stand-in. `connections` bounds the
    HTTP connections to the Bot API: a few kept-alive connections carry more requests per second than many.
    """
    if not settings.telegram_token:
        raise RuntimeError("TELEGRAM_TOKEN is not set")
    owns_engine = engine is None
    engine = engine or make_engine(settings.database_url)
    start_counters(settings)
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .context_types(ContextTypes(context=BotContext))
        .persistence(DatabasePersistence(engine, update_interval=persistence_interval,
                                         states={"booking": dialog.STATES}))
        .concurrent_updates(ChatOrderedProcessor(concurrency))
        .request(AiohttpRequest(connections))
        .get_updates_request(AiohttpRequest(1))
        .post_init(_post_init)
    )
    if owns_engine:
        builder = builder.post_shutdown(_dispose_engine)
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    if outgoing_limit if outgoing_limit is not None else not settings.telegram_base_url:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
    if not jobs_enabled:
        builder = builder.job_queue(None)
    application = builder.build()
    application.bot_data["runtime"] = Runtime(settings, engine, flood=flood or FloodGuard())
    add_handlers(application)
    if jobs_enabled:
        jobs.schedule(application)
    return application


def add_handlers(application: Application) -> None:
    """Group -1: flood guard; 0: the booking dialog; 1: everything else (first match wins within a group)."""
    application.add_handler(TypeHandler(Update, guard.flood_check), group=-1)
    application.add_handler(dialog.conversation(), group=0)
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, feedback.take_wish), group=0)

    def press(pattern: str, callback) -> CallbackQueryHandler:  # noqa: ANN001
        return CallbackQueryHandler(callback, pattern=pattern)

    handlers = [
        CommandHandler("start", start.start), CommandHandler("help", start.help_command),
        CommandHandler("language", start.ask_language), CommandHandler("privacy", start.privacy),
        CommandHandler("topics", browse.topics), CommandHandler("kitas", browse.kitas),
        CommandHandler("mybookings", mine.my_bookings), CommandHandler("delete", forget.ask),
        CommandHandler("finder", finder.command), press(r"^fd:", finder.press),
        press(r"^lang:", start.choose_language), press(r"^language$", start.ask_language),
        press(r"^menu$", start.menu), press(r"^topics$", browse.topics), press(r"^t:", browse.topic),
        press(r"^e:", browse.entry), press(r"^es:", browse.section),
        press(r"^kitas$", browse.kitas), press(r"^k:", browse.kita),
        press(r"^q:", search.suggestion), press(r"^del$", forget.ask), press(r"^del:yes$", forget.confirmed),
        press(r"^del:all$", forget.confirmed_cancel),
        press(r"^del:no$", forget.refused), press(r"^cx:", mine.ask_cancel), press(r"^cxy:", mine.cancel),
        press(r"^cxn$", mine.keep), press(r"^fb:[yn]:", feedback.answer),
        press(r"^wish$", feedback.ask_wish), press(r"^mine$", mine.my_bookings),
        press(r"^(bk|ok:.*|ip:.*|chg:.*|ph:skip|dd|d:.*|s:.*)$", dialog.stale),  # the booking dialog ended
        press(r".*", start.expired),  # a button of an old message
        MessageHandler(filters.COMMAND, start.help_command),  # an unknown command
        MessageHandler(filters.TEXT & ~filters.COMMAND, search.answer_text),
        MessageHandler(NOT_TEXT, search.not_text),
    ]
    application.add_handlers(handlers, group=1)
    application.add_error_handler(guard.on_error)


async def _dispose_engine(application: Application) -> None:
    application.bot_data["runtime"].engine.dispose()


async def _post_init(application: Application) -> None:
    """Tell Telegram the command menu in every language (clients pick theirs; German otherwise)."""
    for lang in (None, *LANGUAGE_CODES):
        _ = translator(lang or DEFAULT_LANG)
        await application.bot.set_my_commands([BotCommand(name, _(label)) for name, label in COMMANDS],
                                              language_code=lang)
