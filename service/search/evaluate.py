"""Measure search quality on a TSV of queries: our engine against SQLite FTS5 and rapidfuzz WRatio over titles.

Usage: python -m service.search.evaluate FILE.tsv [--directory DIR] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz
from sqlmodel import Session

from service import migrate
from service.config import PROJECT_ROOT
from service.db import make_engine
from service.directory.loader import load_directory
from service.directory.queries import all_translations
from service.search.engine import search
from service.search.normalize import script

Ranker = Callable[[str, str], list[str]]


@dataclass
class Case:
    """One evaluation query."""

    group: str
    query: str
    lang: str
    expected: set[str]


def read_cases(path: Path) -> list[Case]:
    """Rows `lang, query, expected_slugs, note`; translit and mixed rows ask in the language of their script."""
    cases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            group = row["lang"].strip()
            lang = group if len(group) == 2 else interface_for(row["query"])
            cases.append(Case(group, row["query"], lang, set(row["expected_slugs"].split("|"))))
    return cases


def interface_for(query: str) -> str:
    """Arabic script -> ar, Cyrillic -> ru, else de."""
    scripts = {script(word) for word in query.split()}
    return "ar" if "arabic" in scripts else "ru" if "cyrillic" in scripts else "de"


def fts_ranker(session: Session) -> Ranker:
    """SQLite FTS5 (unicode61, diacritics removed) over the texts our engine indexes; words OR-ed, bm25."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE doc USING fts5(slug UNINDEXED, title, keywords, summary,"
                 " tokenize = 'unicode61 remove_diacritics 2')")
    for entry, row in all_translations(session):
        conn.execute("INSERT INTO doc VALUES (?, ?, ?, ?)", (entry.slug, row.title, " ; ".join(row.keywords or []),
                                                           row.summary))

    def rank(query: str, _lang: str) -> list[str]:
        words = ['"' + word.replace('"', "") + '"' for word in query.split() if word.replace('"', "")]
        if not words:
            return []
        rows = conn.execute("SELECT slug FROM doc WHERE doc MATCH ? ORDER BY bm25(doc, 0, 3, 3, 1)",
                            (" OR ".join(words),)).fetchall()
        return list(dict.fromkeys(slug for (slug,) in rows))

    return rank


def wratio_ranker(session: Session) -> Ranker:
    """Plain rapidfuzz WRatio of the query against every title in every language."""
    titles: list[tuple[str, str]] = [(entry.slug, row.title) for entry, row in all_translations(session)]

    def rank(query: str, _lang: str) -> list[str]:
        best: dict[str, float] = {}
        for slug, title in titles:
            best[slug] = max(best.get(slug, 0.0), fuzz.WRatio(query, title))
        return sorted(best, key=lambda slug: -best[slug])

    return rank


def engine_ranker(session: Session) -> Ranker:
    def rank(query: str, lang: str) -> list[str]:
        return [hit.slug for hit in search(session, query, lang, limit=10, record=False).hits]

    return rank


def scores(cases: list[Case], rank: Ranker) -> list[tuple[Case, int | None]]:
    """Each case with the 1-based rank of its first acceptable slug among the top 10 (None = not found)."""
    results = []
    for case in cases:
        ranked = rank(case.query, case.lang)[:10]
        position = next((i + 1 for i, slug in enumerate(ranked) if slug in case.expected), None)
        results.append((case, position))
    return results


def summary(results: list[tuple[Case, int | None]]) -> tuple[int, float, float, float]:
    n = len(results)
    if not n:
        return 0, 0.0, 0.0, 0.0
    top1 = sum(1 for _c, p in results if p == 1) / n
    top3 = sum(1 for _c, p in results if p is not None and p <= 3) / n
    mrr = sum(1 / p for _c, p in results if p) / n
    return n, top1, top3, mrr


def report(systems: dict[str, list[tuple[Case, int | None]]], out=sys.stdout) -> None:
    """Print overall and per-group top-1, top-3 and MRR for every system side by side."""
    groups = list(dict.fromkeys(case.group for case, _p in next(iter(systems.values()))))
    header = f"{'group':<12}{'n':>4}  " + "  ".join(f"{name + ' top1/top3/MRR':<26}" for name in systems)
    print(header, file=out)
    for group in ["overall", *groups]:
        cells = []
        n = 0
        for results in systems.values():
            chosen = results if group == "overall" else [r for r in results if r[0].group == group]
            n, top1, top3, mrr = summary(chosen)
            cells.append(f"{top1:.3f} / {top3:.3f} / {mrr:.3f}      ")
        print(f"{group:<12}{n:>4}  " + "  ".join(f"{cell:<26}" for cell in cells), file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--directory", type=Path, default=PROJECT_ROOT / "directory_data")
    parser.add_argument("--misses", action="store_true", help="list the queries our engine misses in the top 3")
    args = parser.parse_args(argv)
    cases = read_cases(args.file)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/evaluate.db")
        migrate.upgrade(engine)
        with Session(engine) as session:
            load_directory(session, args.directory)
            session.commit()
            systems = {
                "engine": scores(cases, engine_ranker(session)),
                "fts5": scores(cases, fts_ranker(session)),
                "wratio": scores(cases, wratio_ranker(session)),
            }
            if args.misses:
                for case, position in systems["engine"]:
                    if position is None or position > 1:
                        got = engine_ranker(session)(case.query, case.lang)[:3]
                        print(f"rank {position}: [{case.group}] {case.query!r} -> {sorted(case.expected)}; got {got}")
        engine.dispose()
    print(f"{len(cases)} queries from {args.file}")
    report(systems)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
