"""Search benchmark: index build time, memory and query latency on synthetic directories, against baselines.

Deterministic synthetic directories (1,000 / 10,000 / 100,000 entries × 10 languages, words drawn from the shipped
directory_data with their real frequencies, plus names that make the vocabulary grow with size). Each size runs in
its own process pinned to one core, so memory figures are not mixed up. In the same run: SQLite FTS5 over the same
texts at every size, and the naive rapidfuzz scan (WRatio over every string) at up to 10,000 entries on a sample.

    python benchmarks/search_bench.py [--sizes 1000,10000,100000] [--queries 1000] [--naive-sample 20]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from service.i18n import LANGUAGE_CODES  # noqa: E402
from service.search.index import KEYWORD, REFERENCE, SUMMARY, TITLE, EntryTexts, SearchIndex  # noqa: E402

SEED = 20261126
STREAM = 400_000
TAIL_EVERY = 6
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LATIN = "abcdefghijklmnopqrstuvwxyzäöüß"
CYRILLIC_LETTERS = "а б к д е ф г х и й к л м н о п к р с т у ф в кс ю ц е ё ю сс"
ARABIC_LETTERS = "ا ب ك د ي ف غ ه ي ي ك ل م ن و ب ك ر س ت و ف ف كس ي تس ي و و س"
TO_CYRILLIC = dict(zip(LATIN, CYRILLIC_LETTERS.split(" "), strict=True))
TO_ARABIC = dict(zip(LATIN, ARABIC_LETTERS.split(" "), strict=True))


def word_pools(directory: Path) -> dict[str, Counter[str]]:
    """Word frequencies per language from the shipped texts."""
    pools: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGE_CODES}
    for path in sorted(directory.glob("entries/*/*.yaml")):
        lang = path.stem
        if lang not in pools:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts = [data.get(name) or "" for name in ("title", "summary", "for_whom", "what_you_get")]
        texts += data.get("keywords") or []
        for text in texts:
            pools[lang].update(word.strip(".,;:()!?\"'") for word in str(text).split())
    for pool in pools.values():
        pool.pop("", None)
        if not pool:
            pool.update({f"wort{i}": 1 for i in range(100)})
    return pools


class Synthetic:
    """A deterministic directory of `size` entries in ten languages with realistic field lengths.

    Words come from the shipped texts with their frequencies; one word in six is instead taken from a long tail of
    derived words (stem of one real word + ending of another, half as many per language as there are entries), so the
    vocabulary grows with the directory the way real text does, and every entry has its own name.
    """

    def __init__(self, size: int, pools: dict[str, Counter[str]]) -> None:
        self.size = size
        rng = random.Random(SEED)
        self.streams, self.tails = {}, {}
        for lang, pool in pools.items():
            words, weights = zip(*pool.items(), strict=True)
            self.streams[lang] = rng.choices(words, weights=weights, k=STREAM)
            long_words = [word for word in words if len(word) >= 5] or list(words)
            tail_size = max(1, size // 2)
            self.tails[lang] = [rng.choice(long_words)[:-2] + rng.choice(long_words)[-3:] for _ in range(tail_size)]
        german = list(pools["de"])
        syllables = ["ber", "kel", "rath", "lo", "ve", "nich", "hol", "ter", "wa", "gen", "dorf", "mar", "sel", "au"]
        self.names = [
            rng.choice(german).capitalize() + rng.choice(german).lower() + "".join(rng.choices(syllables, k=2))
            for _ in range(size)
        ]

    def entries(self) -> Iterator[EntryTexts]:
        rng = random.Random(SEED + self.size)
        for number in range(self.size):
            name = self.names[number]
            texts: list[tuple[str, int, str]] = []
            if rng.random() < 0.5:
                texts.append(("de", REFERENCE, f"§ {rng.randint(1, 200)} SGB {rng.choice(ROMAN)}"))
            for lang, stream in self.streams.items():
                tail = self.tails[lang]

                def take(count: int, stream: list[str] = stream, tail: list[str] = tail) -> list[str]:
                    start = rng.randrange(STREAM - count)
                    words = stream[start:start + count]
                    for _ in range(count // TAIL_EVERY + (rng.random() < count % TAIL_EVERY / TAIL_EVERY)):
                        words[rng.randrange(count)] = rng.choice(tail)
                    return words

                texts.append((lang, TITLE, " ".join(take(rng.randint(2, 7))) + f" ({name})"))
                texts.append((lang, SUMMARY, " ".join(take(rng.randint(10, 24)))))
                texts.append((lang, KEYWORD, "\n".join([*take(rng.randint(30, 50)), name])))
            yield EntryTexts(f"entry-{number}", texts)

    def queries(self, count: int) -> list[tuple[str, str, str]]:
        """(kind, lang, query): several words, typos, prefixes, German words in Cyrillic or Arabic letters, German
        spelled without umlauts, German words in another language's query, misspelt names."""
        rng = random.Random(SEED - 1)
        kinds = ["words", "typo", "prefix", "cyrillic", "arabic", "umlaut", "mixed", "name"]
        result = []
        for i in range(count):
            kind = kinds[i % len(kinds)]
            lang = rng.choice(LANGUAGE_CODES)
            stream = self.streams[lang]
            word = max((stream[rng.randrange(STREAM)] for _ in range(3)), key=len)
            name = self.names[rng.randrange(self.size)]
            german = max((self.streams["de"][rng.randrange(STREAM)] for _ in range(3)), key=len).lower()
            if kind == "words":  # what a parent describes: mostly content words, sometimes a common one
                query = " ".join(max((stream[rng.randrange(STREAM)] for _ in range(rng.randint(1, 3))), key=len)
                                 for _ in range(rng.randint(2, 4)))
            elif kind == "typo":
                query = _typo(rng, word)
            elif kind == "prefix":
                query = word[: max(3, len(word) * 2 // 3)]
            elif kind == "cyrillic":
                query, lang = "".join(TO_CYRILLIC.get(ch, ch) for ch in german), rng.choice(["ru", "uk"])
            elif kind == "arabic":
                query, lang = "".join(TO_ARABIC.get(ch, ch) for ch in german), rng.choice(["ar", "fa"])
            elif kind == "umlaut":
                query = german.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
            elif kind == "mixed":
                query = f"{word} {german}"
            else:
                query = _typo(rng, name.lower())
            result.append((kind, lang, query[:200] or "x"))
        return result


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(["swap", "drop", "double", "replace"])
    if edit == "swap":
        return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]
    if edit == "drop":
        return word[:i] + word[i + 1:]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1:]


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50, p95, p99 in milliseconds."""
    ordered = sorted(samples)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 3)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99)}


def timed(queries: list[tuple[str, str, str]], run: Callable[[str, str], object]) -> dict[str, float]:
    """Latency percentiles of wall time, and the p95 of the thread's CPU time (the machine may be shared)."""
    wall, cpu = [], []
    for _kind, lang, query in queries:
        start, start_cpu = time.perf_counter(), time.thread_time()
        run(query, lang)
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return {**percentiles(wall), "cpu_p95": percentiles(cpu)["p95"]}


class Stopwatch:
    """Wraps an iterator and measures the time spent producing its items (to leave it out of build times)."""

    def __init__(self, items: Iterator[EntryTexts]) -> None:
        self.items, self.wall, self.cpu = items, 0.0, 0.0

    def __iter__(self) -> Iterator[EntryTexts]:
        while True:
            start, start_cpu = time.perf_counter(), time.process_time()
            item = next(self.items, None)
            self.wall += time.perf_counter() - start
            self.cpu += time.process_time() - start_cpu
            if item is None:
                return
            yield item


def fts5(synthetic: Synthetic, queries: list[tuple[str, str, str]]) -> dict:
    """SQLite FTS5 (unicode61, diacritics removed) over the same texts; query words OR-ed, bm25, top 10."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE doc USING fts5(slug UNINDEXED, title, keywords, summary,"
                 " tokenize = 'unicode61 remove_diacritics 2')")
    source = Stopwatch(synthetic.entries())
    start = time.perf_counter()
    for entry in source:
        by_lang: dict[str, dict[int, str]] = {}
        for lang, field_code, text in entry.texts:
            by_lang.setdefault(lang, {})[field_code] = text.replace("\n", " ; ")
        conn.executemany("INSERT INTO doc VALUES (?, ?, ?, ?)", [
            (entry.slug, fields.get(TITLE, ""), fields.get(KEYWORD, ""), fields.get(SUMMARY, ""))
            for fields in by_lang.values()
        ])
    conn.commit()
    build = time.perf_counter() - start - source.wall
    pages = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]

    def run(query: str, _lang: str) -> list:
        words = ['"' + word.replace('"', "") + '"' for word in query.split() if word.replace('"', "")]
        return conn.execute("SELECT slug FROM doc WHERE doc MATCH ? ORDER BY bm25(doc, 0, 3, 3, 1) LIMIT 10",
                            (" OR ".join(words),)).fetchall()

    return {"build_s": round(build, 2), "size_mb": round(pages / 2**20, 1), **timed(queries, run)}


def naive(synthetic: Synthetic, queries: list[tuple[str, str, str]]) -> dict:
    """rapidfuzz WRatio against every title, keyword list and summary, best per entry, top 10."""
    strings, owners = [], []
    for number, entry in enumerate(synthetic.entries()):
        for _lang, _field, text in entry.texts:
            strings.append(text.replace("\n", " ; "))
            owners.append(number)

    def run(query: str, _lang: str) -> list:
        best: dict[int, float] = {}
        for _text, score, position in process.extract(query, strings, scorer=fuzz.WRatio, limit=200):
            best[owners[position]] = max(best.get(owners[position], 0.0), score)
        return sorted(best, key=best.__getitem__, reverse=True)[:10]

    return {"strings": len(strings), "queries": len(queries), **timed(queries, run)}


def build_engine(synthetic: Synthetic) -> tuple[SearchIndex, dict]:
    """Build our index, timing only the indexing (not the making of the synthetic texts)."""
    gc.collect()
    before = rss_mb()
    source = Stopwatch(synthetic.entries())
    start, start_cpu = time.perf_counter(), time.process_time()
    index = SearchIndex.build(source)
    wall, cpu = time.perf_counter() - start - source.wall, time.process_time() - start_cpu - source.cpu
    gc.collect()
    return index, {
        "terms": len(index.term_ids), "postings": index.posting_count,
        "build_s": round(wall, 2), "build_cpu_s": round(cpu, 2), "memory_mb": round(rss_mb() - before, 1),
    }


def engine_latency(index: SearchIndex, queries: list[tuple[str, str, str]]) -> dict:
    """Our engine's latency over the query mix, and its p95 per kind of query."""

    def run(query: str, lang: str) -> object:
        return index.search(query, lang, 10)

    kinds = list(dict.fromkeys(q[0] for q in queries))
    return {"engine": timed(queries, run),
            "engine_p95_by_kind": {kind: timed([q for q in queries if q[0] == kind], run)["p95"] for kind in kinds}}


def worker(size: int, query_count: int, naive_sample: int) -> dict:
    """Everything for one size, in this (fresh) process."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    synthetic = Synthetic(size, word_pools(ROOT / "directory_data"))
    queries = synthetic.queries(query_count)
    index, figures = build_engine(synthetic)
    for _kind, lang, query in queries[:50]:  # warm caches the way a running process has them
        index.search(query, lang)
    result = {
        "entries": size, "documents": size * len(LANGUAGE_CODES), **figures,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **engine_latency(index, queries),
    }
    del index
    gc.collect()
    result["fts5"] = fts5(synthetic, queries)
    if size <= 10_000:
        sample = random.Random(SEED).sample(queries, min(naive_sample, len(queries)))
        result["naive"] = naive(synthetic, sample)
    return result


def report(results: list[dict]) -> None:
    print("\nSearch benchmark: one core; latency in ms of wall time (cpu = the thread's CPU time, for a shared"
          " machine);\nmemory = resident growth while building the index; build times leave out making the texts")
    print(f"{'entries':>8} {'docs':>8} {'terms':>8} {'postings':>9} {'build s':>8} {'cpu s':>6} {'mem MB':>7}"
          f" {'peak MB':>8} | {'engine p50/p95/p99':>20} {'cpu p95':>7} | {'FTS5 p50/p95/p99':>21} {'build s':>7}"
          f" {'MB':>5} | {'naive p50/p95/p99':>17}")
    for r in results:
        engine, fts = r["engine"], r["fts5"]
        naive_text = "/".join(f"{r['naive'][k]:.0f}" for k in ("p50", "p95", "p99")) if "naive" in r else "-"
        print(f"{r['entries']:>8} {r['documents']:>8} {r['terms']:>8} {r['postings']:>9} {r['build_s']:>8}"
              f" {r['build_cpu_s']:>6} {r['memory_mb']:>7} {r['peak_rss_mb']:>8}"
              f" | {engine['p50']:>5.2f}/{engine['p95']:>5.2f}/{engine['p99']:>6.2f} {engine['cpu_p95']:>7.2f}"
              f" | {fts['p50']:>6.2f}/{fts['p95']:>6.2f}/{fts['p99']:>6.2f} {fts['build_s']:>7} {fts['size_mb']:>5}"
              f" | {naive_text:>17}")
    print("\nRatios of p95 latency to our engine's, same queries, same process:")
    for r in results:
        ratios = [f"FTS5 {r['fts5']['p95'] / r['engine']['p95']:.1f}x"]
        if "naive" in r:
            sample = r["naive"]["queries"]
            ratios.append(f"naive scan {r['naive']['p95'] / r['engine']['p95']:.0f}x (sample of {sample})")
        kinds = ", ".join(f"{kind} {p95:.2f}" for kind, p95 in r["engine_p95_by_kind"].items())
        print(f"  {r['entries']:>7} entries: {'; '.join(ratios)}; engine p95 by query kind (ms): {kinds}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--naive-sample", type=int, default=20)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.queries, args.naive_sample)))
        return 0
    results = []
    for size in (int(part) for part in args.sizes.split(",")):
        print(f"running {size} entries ...", file=sys.stderr, flush=True)
        answer = subprocess.run(
            [sys.executable, __file__, "--worker", str(size), "--queries", str(args.queries),
             "--naive-sample", str(args.naive_sample)], capture_output=True, text=True, check=True)
        results.append(json.loads(answer.stdout.strip().splitlines()[-1]))
    report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
