"""Measure search quality on TSV query files: our engine against SQLite FTS5 and rapidfuzz WRatio over titles.

Usage: python -m service.search.evaluate FILE.tsv [FILE.tsv ...] [--accept FILE | --strict] [--directory DIR]
       [--misses] [--calibrate]

Rows are `lang, query, expected_slugs, note`; expected_slugs is `a|b` (any of them is right) or `-` for a query
that must come back not confident (nonsense, a name, a greeting). Printed per language group: top-1, top-3 and MRR
of the queries with an expected entry, and the precision and recall of `confident` (a confident answer is right
when its first hit is expected; recall over the queries with an expected entry), and the share of `-` queries that
came back not confident; then the same for the one- and two-word queries alone. `--calibrate` chooses the
confidence thresholds on one half of the queries (every other one by a stable hash) and reports the other half.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from sqlmodel import Session

from service import migrate
from service.config import PROJECT_ROOT
from service.db import make_engine
from service.directory.loader import load_directory
from service.directory.queries import all_translations
from service.search.engine import MATCH, MATCH_COVERAGE, MATCH_SCORE, classify, get_index, search
from service.search.normalize import script

EVAL_DIR = Path(__file__).resolve().parent / "eval"
WRATIO_SURE = 86  # WRatio's own "confident": the best title scores at least this
SCORE_GRID = [round(0.05 * i, 2) for i in range(2, 13)]
COVERAGE_GRID = [round(0.1 * i, 1) for i in range(2, 11)]


@dataclass
class Case:
    """One evaluation query; no expected slugs = it must come back not confident."""

    group: str
    query: str
    lang: str
    expected: set[str]
    note: str = ""

    @property
    def words(self) -> int:
        return len(self.query.split())


@dataclass
class Answer:
    """What one system answered to one case."""

    case: Case
    ranked: list[str]
    confident: bool
    features: tuple = field(default=())  # the engine's ranking, kept for calibration

    @property
    def position(self) -> int | None:
        """1-based rank of the first acceptable slug in the top 10 (None = not found)."""
        return next((i + 1 for i, slug in enumerate(self.ranked[:10]) if slug in self.case.expected), None)


Ranker = Callable[[str, str], tuple[list[str], bool]]


def read_cases(path: Path, accept: dict[tuple[str, str], set[str]] | None = None) -> list[Case]:
    """Rows `lang, query, expected_slugs, note`; translit and mixed rows ask in the language of their script."""
    cases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            group = row["lang"].strip()
            lang = group if len(group) == 2 else interface_for(row["query"])
            expected = {slug for slug in row["expected_slugs"].strip().split("|") if slug and slug != "-"}
            if expected:
                expected |= (accept or {}).get((group, row["query"]), set())
            cases.append(Case(group, row["query"], lang, expected, (row.get("note") or "").strip()))
    return cases


def read_accept(path: Path) -> dict[tuple[str, str], set[str]]:
    """Rows `lang, query, also, reason`: entries added later that answer an older query as well."""
    result: dict[tuple[str, str], set[str]] = {}
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                result.setdefault((row["lang"].strip(), row["query"]), set()).update(row["also"].split("|"))
    return result


def interface_for(query: str) -> str:
    """Arabic script -> ar, Cyrillic -> ru, else de."""
    scripts = {script(word) for word in query.split()}
    return "ar" if "arabic" in scripts else "ru" if "cyrillic" in scripts else "de"


def half(case: Case) -> int:
    """0 (calibration) or 1 (report), stable across runs and machines."""
    return zlib.crc32(f"{case.group}\t{case.query}".encode()) % 2


def fts_ranker(session: Session) -> Ranker:
    """SQLite FTS5 (unicode61, diacritics removed) over the texts our engine indexes; words OR-ed, bm25.
    Confident = anything found."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE doc USING fts5(slug UNINDEXED, title, keywords, summary,"
                 " tokenize = 'unicode61 remove_diacritics 2')")
    for entry, row in all_translations(session):
        conn.execute("INSERT INTO doc VALUES (?, ?, ?, ?)", (entry.slug, row.title, " ; ".join(row.keywords or []),
                                                           row.summary))

    def rank(query: str, _lang: str) -> tuple[list[str], bool]:
        words = ['"' + word.replace('"', "") + '"' for word in query.split() if word.replace('"', "")]
        if not words:
            return [], False
        rows = conn.execute("SELECT slug FROM doc WHERE doc MATCH ? ORDER BY bm25(doc, 0, 3, 3, 1)",
                            (" OR ".join(words),)).fetchall()
        ranked = list(dict.fromkeys(slug for (slug,) in rows))
        return ranked, bool(ranked)

    return rank


def wratio_ranker(session: Session) -> Ranker:
    """Plain rapidfuzz WRatio of the query against every title in every language; confident from WRATIO_SURE."""
    titles: list[tuple[str, str]] = [(entry.slug, row.title) for entry, row in all_translations(session)]

    def rank(query: str, _lang: str) -> tuple[list[str], bool]:
        best: dict[str, float] = {}
        for slug, title in titles:
            best[slug] = max(best.get(slug, 0.0), fuzz.WRatio(query, title))
        ranked = sorted(best, key=lambda slug: -best[slug])
        return ranked, bool(ranked) and best[ranked[0]] >= WRATIO_SURE

    return rank


def run_engine(session: Session, cases: list[Case]) -> list[Answer]:
    index = get_index(session)
    answers = []
    for case in cases:
        response = search(session, case.query, case.lang, limit=10, record=False)
        ranking = index.search(" ".join(case.query.split()), case.lang, 10)
        answers.append(Answer(case, [hit.slug for hit in response.hits], response.confident, (ranking,)))
    return answers


def run(cases: list[Case], rank: Ranker) -> list[Answer]:
    return [Answer(case, *rank(case.query, case.lang)) for case in cases]


def reclassify(answers: list[Answer], score: float, coverage: float) -> list[Answer]:
    """The engine's answers with other confidence thresholds."""
    return [Answer(a.case, a.ranked, classify(a.features[0], score, coverage) == MATCH, a.features) for a in answers]


@dataclass
class Figures:
    n: int = 0  # queries with an expected entry
    top1: float = 0.0
    top3: float = 0.0
    mrr: float = 0.0
    precision: float = 0.0
    recall: float = 0.0
    rejects: int = 0  # queries that must not be confident
    rejected: float = 1.0  # share of those that were not


def figures(answers: list[Answer]) -> Figures:
    known = [a for a in answers if a.case.expected]
    unknown = [a for a in answers if not a.case.expected]
    result = Figures(len(known), rejects=len(unknown))
    if known:
        positions = [a.position for a in known]
        result.top1 = sum(1 for p in positions if p == 1) / len(known)
        result.top3 = sum(1 for p in positions if p is not None and p <= 3) / len(known)
        result.mrr = sum(1 / p for p in positions if p) / len(known)
        right = sum(1 for a in known if a.confident and a.position == 1)
        sure = sum(1 for a in answers if a.confident)
        result.precision = right / sure if sure else 1.0
        result.recall = right / len(known)
    if unknown:
        result.rejected = sum(1 for a in unknown if not a.confident) / len(unknown)
    return result


def report(systems: dict[str, list[Answer]], title: str, out=None) -> None:
    """Overall and per-group figures for every system side by side."""
    out = out or sys.stdout
    answers = next(iter(systems.values()))
    groups = list(dict.fromkeys(a.case.group for a in answers))
    print(f"\n{title}", file=out)
    print(f"{'group':<12}{'n':>4}{'rej':>4}  " + "  ".join(
        f"{name + ' top1/top3/MRR  P/R  rej':<37}" for name in systems), file=out)
    for group in ["overall", *groups]:
        cells, head = [], ""
        for chosen in systems.values():
            picked = chosen if group == "overall" else [a for a in chosen if a.case.group == group]
            f = figures(picked)
            head = f"{group:<12}{f.n:>4}{f.rejects:>4}  "
            cells.append(f"{f.top1:.2f}/{f.top3:.2f}/{f.mrr:.2f}  {f.precision:.2f}/{f.recall:.2f}  "
                         + (f"{f.rejected:.2f}" if f.rejects else "  - "))
        print(head + "  ".join(f"{cell:<37}" for cell in cells), file=out)


def calibrate(answers: list[Answer], out=None) -> tuple[float, float]:
    """Thresholds that reject every must-not case of the calibration half, then the best F0.5 there; report the
    other half."""
    out = out or sys.stdout
    tuning = [a for a in answers if half(a.case) == 0]
    best: tuple[tuple, float, float] | None = None
    for score in SCORE_GRID:
        for coverage in COVERAGE_GRID:
            f = figures(reclassify(tuning, score, coverage))
            # F0.5: a wrong "here is what I found" costs more than a needless "not sure"
            f_half = 1.25 * f.precision * f.recall / (0.25 * f.precision + f.recall) if f.precision + f.recall else 0.0
            key = (f.rejected, round(f_half, 4), -abs(score - MATCH_SCORE) - abs(coverage - MATCH_COVERAGE))
            if best is None or key > best[0]:
                best = (key, score, coverage)
    assert best is not None
    _key, score, coverage = best
    print(f"\ncalibrated on {len(tuning)} queries: MATCH_SCORE = {score}, MATCH_COVERAGE = {coverage}"
          f" (in service/search/engine.py: {MATCH_SCORE}, {MATCH_COVERAGE})", file=out)
    for name, part in (("calibration half", 0), ("report half", 1)):
        f = figures(reclassify([a for a in answers if half(a.case) == part], score, coverage))
        print(f"  {name:<17} n={f.n:<4} confident precision {f.precision:.3f} recall {f.recall:.3f}; "
              f"must-not rejected {f.rejected:.3f} of {f.rejects}", file=out)
    return score, coverage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--accept", type=Path, default=EVAL_DIR / "alternates_2027.tsv",
                        help="extra acceptable slugs for queries of the files (entries added since)")
    parser.add_argument("--strict", action="store_true", help="only the slugs in the query files count")
    parser.add_argument("--directory", type=Path, default=PROJECT_ROOT / "directory_data")
    parser.add_argument("--misses", action="store_true", help="list what our engine gets wrong")
    parser.add_argument("--calibrate", action="store_true", help="choose confidence thresholds on one half")
    args = parser.parse_args(argv)
    for path in [*args.files, *([] if args.strict else [args.accept])]:
        if not path.is_file():
            parser.error(f"{path}: no such file (the dev set is not in the repository: it lies in the team's"
                         " shared folder, ../shared/search_eval/dev.tsv beside the main checkout)")
    accept = {} if args.strict else read_accept(args.accept)
    cases = [case for path in args.files for case in read_cases(path, accept)]
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/evaluate.db")
        migrate.upgrade(engine)
        with Session(engine) as session:
            load_directory(session, args.directory)
            session.commit()
            systems = {
                "engine": run_engine(session, cases),
                "fts5": run(cases, fts_ranker(session)),
                "wratio": run(cases, wratio_ranker(session)),
            }
        engine.dispose()
    if args.misses:
        for answer in systems["engine"]:
            case = answer.case
            if (case.expected and (answer.position != 1 or not answer.confident)) or (
                    not case.expected and answer.confident):
                print(f"rank {answer.position} {'sure' if answer.confident else 'unsure'}: [{case.group}]"
                      f" {case.query!r} -> {sorted(case.expected) or '-'}; got {answer.ranked[:3]}")
    print(f"{len(cases)} queries from {', '.join(str(path) for path in args.files)}")
    report(systems, "All queries (P/R = precision/recall of confident; rej = share of must-not queries not confident)")
    short = {name: [a for a in answers if a.case.words <= 2] for name, answers in systems.items()}
    report(short, "One- and two-word queries")
    if args.calibrate:
        calibrate(systems["engine"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
