"""Telegram bot benchmark: updates handled per second and handling time against the Bot API stand-in.

The stand-in (tests/bot/fake_api.py) runs in its own process and speaks HTTP like Telegram; the bot runs exactly
as in production (long polling through TELEGRAM_BASE_URL, database persistence, per-chat ordering, flood guard).
CHATS parents each go through /start, a language button, a free-text search in their language, an entry, /topics
and a topic — all queued at once, so updates of many chats are in flight together (throughput; handling times
then include queueing); then a sixth as many chats at a steady --rate (handling time under ordinary load). In the
same run and against the same stand-in, the baseline is a bare PTB application (same HTTP layer and update
processor) that answers every update with one fixed message: the floor set by the framework and HTTP. Handling
time is measured per update inside the bot process.

    python benchmarks/bot_bench.py [--chats 300] [--rate 100] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import json  # noqa: E402

from sqlmodel import Session, select  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters  # noqa: E402

from bots.telegram import build_application  # noqa: E402
from bots.telegram.http import AiohttpRequest  # noqa: E402
from bots.telegram.processor import ChatOrderedProcessor  # noqa: E402
from service import counters, migrate  # noqa: E402
from service.booking import Schedule  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import make_engine, scratch_database  # noqa: E402
from service.directory.loader import load_directory  # noqa: E402
from service.directory.models import Kita, SocialWorker  # noqa: E402
from tests.bot.fake_api import TOKEN, FakeBotApi  # noqa: E402

QUERIES = {"de": "kindergeld antrag", "en": "child benefit", "tr": "çocuk parasi", "ar": "إعانة الطفل",
           "uk": "допомога на дітей", "ru": "детские деньги", "pl": "zasiłek na dziecko", "ro": "alocație copii",
           "fa": "کمک هزینه فرزند", "ku": "pereyê zarokan"}
LANGS = list(QUERIES)
UPDATES_PER_CHAT = 6


def prepare(url: str) -> None:
    """Migrate, load the shipped directory, open consultation hours (the bookings are not benchmarked here)."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        load_directory(session, ROOT / "directory_data")
        kita = session.exec(select(Kita)).first()
        worker = session.exec(select(SocialWorker)).first()
        if kita and worker:
            session.add(Schedule(social_worker_id=worker.id, kita_id=kita.id, weekday=0, opens=clock(8),
                                 closes=clock(18), valid_from=date.today() - timedelta(days=1)))
        session.commit()
    engine.dispose()


class StandIn:
    """The fake Bot API in a child process."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.bot.fake_api"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.base_url = self.process.stdout.readline().strip()  # type: ignore[union-attr]
        self.control = self.base_url.removesuffix("/bot") + "/control/push"

    def push(self, updates: list[dict]) -> list[int]:
        request = urllib.request.Request(self.control, json.dumps(updates).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["result"]

    def close(self) -> None:
        self.process.stdin.close()  # type: ignore[union-attr]
        self.process.wait(10)


def scenario(first_chat: int, chats: int) -> list[dict]:
    """The parents' updates, step by step across all chats (each chat's own updates stay in order)."""
    maker = FakeBotApi.__new__(FakeBotApi)  # only the update builders are used
    maker._message_ids = iter(range(10**6, 10**8))  # type: ignore[attr-defined]
    maker._callback_chats = {}  # type: ignore[attr-defined]
    steps = []
    for step in range(UPDATES_PER_CHAT):
        for chat in range(first_chat, first_chat + chats):
            lang = LANGS[chat % len(LANGS)]
            steps.append([
                lambda c, la: maker.text_update(c, "/start", la),
                lambda c, la: maker.press_update(c, f"lang:{la}", lang=la),
                lambda c, la: maker.text_update(c, QUERIES[la], la),
                lambda c, la: maker.press_update(c, "e:kindergeld", lang=la),
                lambda c, la: maker.text_update(c, "/topics", la),
                lambda c, la: maker.press_update(c, "t:money", lang=la),
            ][step](chat, lang))
    return steps


def baseline_application(settings: Settings) -> Application:
    """A bare PTB bot on the same stand-in: one fixed answer per update, same update processor."""

    async def answer_message(update: Update, _context) -> None:  # noqa: ANN001
        await update.effective_message.reply_text("ok")  # type: ignore[union-attr]

    async def answer_press(update: Update, _context) -> None:  # noqa: ANN001
        await update.callback_query.answer()  # type: ignore[union-attr]
        await update.effective_message.reply_text("ok")  # type: ignore[union-attr]

    application = (Application.builder().token(TOKEN).base_url(settings.telegram_base_url or "")
                   .concurrent_updates(ChatOrderedProcessor(64)).request(AiohttpRequest(8))
                   .get_updates_request(AiohttpRequest(1)).build())
    application.add_handler(MessageHandler(filters.ALL, answer_message))
    application.add_handler(CallbackQueryHandler(answer_press))
    return application


class Run:
    """One application, polling the stand-in on its own loop; counts and times handled updates."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self.times: dict[int, float] = {}
        self.cond = threading.Condition()
        processor = application.update_processor
        assert isinstance(processor, ChatOrderedProcessor)
        processor.observers.append(self.observe)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.call(self._start())

    def observe(self, update: object, seconds: float) -> None:
        if isinstance(update, Update):
            with self.cond:
                self.times[update.update_id] = seconds
                self.cond.notify_all()

    def call(self, coroutine):  # noqa: ANN001, ANN201
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(120)

    async def _start(self) -> None:
        await self.application.initialize()
        await self.application.updater.start_polling(poll_interval=0, timeout=1)  # type: ignore[union-attr]
        await self.application.start()

    async def _stop(self) -> None:
        await self.application.updater.stop()  # type: ignore[union-attr]
        await self.application.stop()
        await self.application.shutdown()
        if self.application.post_shutdown:
            await self.application.post_shutdown(self.application)

    def feed(self, stand_in: StandIn, updates: list[dict]) -> tuple[float, list[float]]:
        """Queue the updates at once; seconds until all are handled, and each one's handling time."""
        started = time.perf_counter()
        ids = stand_in.push(updates)
        with self.cond:
            done = self.cond.wait_for(lambda: all(i in self.times for i in ids), timeout=600)
        elapsed = time.perf_counter() - started
        assert done, "not every update was handled"
        return elapsed, [self.times[i] for i in ids]

    def feed_paced(self, stand_in: StandIn, updates: list[dict], rate: float) -> list[float]:
        """Queue the updates one by one at `rate` per second; each one's handling time."""
        started, ids = time.perf_counter(), []
        for number, update in enumerate(updates):
            time.sleep(max(0.0, started + number / rate - time.perf_counter()))
            ids += stand_in.push([update])
        with self.cond:
            assert self.cond.wait_for(lambda: all(i in self.times for i in ids), timeout=600)
        return [self.times[i] for i in ids]

    def close(self) -> None:
        self.call(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(name: str, application: Application, stand_in: StandIn, chats: int, base: int, rate: float) -> dict:
    run = Run(application)
    try:
        run.feed(stand_in, scenario(base, 10))  # warm-up: search index, connections, catalogs
        cpu = time.process_time()
        elapsed, times = run.feed(stand_in, scenario(base + 1000, chats))
        cpu = time.process_time() - cpu
        paced = run.feed_paced(stand_in, scenario(base + 5000, max(10, chats // 6)), rate)
    finally:
        run.close()
    result = {"name": name, "updates": len(times), "per_second": len(times) / elapsed,
              "p50": statistics.median(times) * 1000, "p95": percentile(times, 0.95) * 1000,
              "p99": percentile(times, 0.99) * 1000, "cpu": cpu * 1000 / len(times),
              "paced_p50": statistics.median(paced) * 1000, "paced_p95": percentile(paced, 0.95) * 1000}
    print(f"  {name:<10} {result['updates']:>6} updates in {elapsed:6.2f} s = {result['per_second']:7.1f} updates/s;"
          f" handling p50 {result['p50']:6.1f} ms, p95 {result['p95']:6.1f} ms, p99 {result['p99']:6.1f} ms;"
          f" bot process CPU {result['cpu']:.1f} ms/update", flush=True)
    print(f"  {'':<10} at a steady {rate:.0f} updates/s: handling p50 {result['paced_p50']:6.1f} ms, "
          f"p95 {result['paced_p95']:6.1f} ms", flush=True)
    return result


def backend_url(backend: str, folder: Path) -> tuple[str, object]:
    """A fresh database URL and how to drop it."""
    base = os.environ.get("TEST_POSTGRES_URL") or Settings().test_postgres_url
    return scratch_database(backend, folder, base, "bot_bench")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=300)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--rate", type=float, default=100.0, help="steady load for the latency figures")
    args = parser.parse_args()
    print(f"bot benchmark: {args.chats} chats x {UPDATES_PER_CHAT} updates, stand-in in its own process, "
          f"{os.cpu_count()} cores", flush=True)
    for number, backend in enumerate(args.backends.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            url, cleanup = backend_url(backend, Path(folder))
            try:
                prepare(url)
                stand_in = StandIn()
                settings = Settings(database_url=url, telegram_token=TOKEN, telegram_base_url=stand_in.base_url,
                                    public_base_url="https://wegweiser.example", analytics_enabled=True)
                print(f"{backend}:", flush=True)
                try:
                    base = measure("baseline", baseline_application(settings), stand_in, args.chats,
                                   100_000 * (number + 1), args.rate)
                    bot = measure("bot", build_application(settings, jobs_enabled=False), stand_in, args.chats,
                                  200_000 * (number + 1), args.rate)
                finally:
                    stand_in.close()
                    counters.flush()  # what the bot counted, into this backend's database before it goes
                print(f"  bot/baseline: {bot['per_second'] / base['per_second']:.2f} x the throughput, "
                      f"p95 {bot['p95'] / base['p95']:.1f} x; target >= 200 updates/s: "
                      f"{'met' if bot['per_second'] >= 200 else 'NOT met'}", flush=True)
            finally:
                if cleanup:
                    cleanup()  # type: ignore[operator]
    return 0


if __name__ == "__main__":
    sys.exit(main())
