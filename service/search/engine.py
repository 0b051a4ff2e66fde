"""The search verb the web page, the API and the bot share: one index per process and directory version."""

from __future__ import annotations

import math
import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from sqlmodel import Session, select

from service import counters
from service.directory.models import Entry, EntryTranslation, Organisation
from service.directory.queries import all_translations
from service.errors import InvalidInput
from service.i18n import DEFAULT_LANG, normalize_lang
from service.present.cache import VersionedCache, directory_stamp
from service.search.index import KEYWORD, REFERENCE, SUMMARY, TITLE, EntryTexts, Ranking, SearchIndex
from service.search.normalize import tokens
from service.search.stopwords import STOPWORDS

MAX_QUERY = 200
MIN_SHARE = 0.3  # hits scoring less than this share of the best are noise
# A match (confident): the best hit equals a title or keyword phrase, or scores at least MATCH_SCORE and really
# contains at least MATCH_COVERAGE of the query's meaning-bearing words (by weight), one of them not too common.
# Calibrated with `python -m service.search.evaluate --calibrate` on one half of the evaluation cases.
MATCH_SCORE = 0.3
MATCH_COVERAGE = 0.5
MEANING = math.log1p(4)  # and one of its words is in at most a fifth of the entries (the idf; "Hilfe" is not)
MATCH, WEAK, GREETING = "match", "weak", "greeting"
_BRACKETS = re.compile(r"\(([^()]*)\)")


@dataclass
class Hit:
    """One result: texts in the parent's interface language (German per missing field)."""

    slug: str
    title: str
    summary: str
    score: float
    lang: str


@dataclass
class SearchResponse:
    """What a search answers: `kind` is match, weak (nothing or only poor matches) or greeting (hello, thanks)."""

    query: str
    hits: list[Hit]
    suggestions: list[str]
    kind: str = WEAK
    terms: list[str] = field(default_factory=list)  # the query's directory words (what a weak search counts as)
    # Every word of the query is a word of the directory (or a function word): no name, street or number, so the
    # answer may be kept for the next parent who asks the same.
    only_directory_words: bool = False

    @property
    def confident(self) -> bool:
        """The best hit is a real match of what the query means."""
        return self.kind == MATCH

    @property
    def weak(self) -> bool:
        """Not confident: the not-sure screen (for greetings too, where no greeting is shown)."""
        return self.kind != MATCH


# Seconds between reads of the directory version, per database (a change made in this process is seen at once).
CHECK_EVERY = 1.0
MAX_DATABASES = 16


@dataclass(frozen=True)
class Searchable:
    """One directory version ready to search: the index and each entry's title and summary per language."""

    index: SearchIndex
    display: dict[tuple[str, str], tuple[str, str]]  # (slug, lang) -> (title, summary)


_indexes: dict[str, VersionedCache] = {}  # database URL -> its cache (each with its own version stamp)
_indexes_lock = threading.Lock()
_urls: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> its rendered address


def entry_texts(entry: Entry, rows: list[EntryTranslation], organisation: str | None) -> EntryTexts:
    """The indexed texts of one entry in all its languages."""
    references = [*(entry.legal_basis or []), *([organisation] if organisation else [])]
    joined = [a + b for ref in entry.legal_basis or [] for a, b in pairwise(tokens(ref))]  # "SGB II" = "sgb2"
    texts: list[tuple[str, int, str]] = [(DEFAULT_LANG, REFERENCE, "\n".join(references + joined))]
    for row in rows:
        texts.append((row.lang, TITLE, "\n".join(title_lines(row.title, getattr(row, "short_title", None)))))
        texts.append((row.lang, KEYWORD, "\n".join(row.keywords or [])))
        texts.append((row.lang, SUMMARY, row.summary))
    return EntryTexts(entry.slug, texts)


def title_lines(title: str, short_title: str | None = None) -> list[str]:
    """A title as the phrases a parent may type: whole, short title, without and inside brackets, halves of "a / b"."""
    lines = [title, short_title or ""]
    bare = " ".join(_BRACKETS.sub(" ", title).split())
    lines += [bare, *_BRACKETS.findall(title), *(half for half in bare.split(" / ") if half != bare)]
    return list(dict.fromkeys(line.strip() for line in lines if line and line.strip()))


def build_index(session: Session) -> SearchIndex:
    """A fresh index over every active entry's texts."""
    return build_searchable(session).index


def build_searchable(session: Session) -> Searchable:
    """A fresh index over every active entry's texts, with the texts a hit shows."""
    grouped: dict[str, tuple[Entry, list[EntryTranslation]]] = {}
    for entry, row in all_translations(session):
        grouped.setdefault(entry.slug, (entry, []))[1].append(row)
    organisations = {o.id: o.name for o in session.exec(select(Organisation))}
    index = SearchIndex.build(
        entry_texts(entry, rows, organisations.get(entry.organisation_id))
        for _slug, (entry, rows) in sorted(grouped.items())
    )
    index.lexicon = frozenset(word for _entry, rows in grouped.values() for row in rows for word in tokens(" ".join(
        [row.for_whom, row.what_you_get, row.where, *(row.how_to_apply or []), *(row.what_to_bring or [])])))
    display = {(entry.slug, row.lang): (row.title, row.summary) for entry, rows in grouped.values() for row in rows}
    return Searchable(index, display)


def get_searchable(session: Session) -> Searchable:
    """The process-wide index for this database, rebuilt when the directory version or the day changes."""
    url = _database(session)
    cache = _indexes.get(url)
    if cache is None:
        with _indexes_lock:
            if len(_indexes) >= MAX_DATABASES:
                _indexes.clear()
            cache = _indexes.setdefault(url, VersionedCache(check_every=CHECK_EVERY, size=1))
    return cache.get(url, lambda: build_searchable(session), directory_stamp(session))


def _database(session: Session) -> str:
    """The session's database address, rendered once per engine (rendering it costs more than a kept search)."""
    bind = session.get_bind()
    url = _urls.get(bind)
    if url is None:
        url = _urls[bind] = str(bind.url)
    return url


def get_index(session: Session) -> SearchIndex:
    """The process-wide index for this database (see get_searchable)."""
    return get_searchable(session).index


def _display(searchable: Searchable, slug: str, lang: str) -> tuple[str, str] | None:
    """Title and summary of `slug` in `lang`, German per empty field; None for an unknown slug."""
    german = searchable.display.get((slug, DEFAULT_LANG))
    own = searchable.display.get((slug, lang)) or ("", "")
    if german is None and not any(own):
        return None
    german = german or ("", "")
    return own[0] or german[0], own[1] or german[1]


def printable(text: str) -> str:
    """The text without control, private-use or unassigned characters (the database stores it)."""
    return " ".join("".join(ch for ch in text if unicodedata.category(ch)[0] != "C").split())


def search(session: Session, query: str, lang: str, limit: int = 10, *, record: bool = True,
           today: date | None = None) -> SearchResponse:
    """Entries for what a parent typed, best first; never a dead end (suggestions when weak)."""
    text = " ".join((query or "").split())
    if not text:
        raise InvalidInput({"q": "empty"})
    if len(query) > MAX_QUERY:
        raise InvalidInput({"q": "too_long"})
    lang = normalize_lang(lang) or DEFAULT_LANG
    limit = max(1, min(int(limit), 50))
    searchable = get_searchable(session)
    index = searchable.index
    ranking = index.search(text, lang, limit)
    top = ranking.hits[0].score if ranking.hits else 0.0
    shown = ((h, _display(searchable, h.slug, lang)) for h in ranking.hits if h.score >= top * MIN_SHARE)
    hits = [Hit(h.slug, *texts, h.score, lang) for h, texts in shown if texts is not None]
    kind = classify(ranking) if hits or ranking.greeting else WEAK
    known = index.known_terms(text)
    response = SearchResponse(text, hits, ranking.suggestions if kind == WEAK else [], kind, known,
                              _only_directory_words(index, text, known))
    if record:
        record_search(response, lang, today)
    return response


def record_search(response: SearchResponse, lang: str, today: date | None = None) -> None:
    """Count one search: its language, and for one that was not a match the directory words it held (never names,
    streets or numbers)."""
    day, lang = today or date.today(), normalize_lang(lang) or DEFAULT_LANG
    counters.count("search", day, lang=lang)
    if response.kind != MATCH:
        counters.count("search_empty", day, lang=lang, terms=response.terms)


def only_directory_words(session: Session, query: str) -> bool:
    """Every word of the query is a word of the directory or a function word (no name, street or number)."""
    text = " ".join((query or "").split())
    index = get_index(session)
    return _only_directory_words(index, text, index.known_terms(text))


def _only_directory_words(index: SearchIndex, text: str, known: list[str]) -> bool:
    return len(known) == len({word for word in tokens(text) if word not in STOPWORDS})


def classify(ranking: Ranking, score: float = MATCH_SCORE, coverage: float = MATCH_COVERAGE) -> str:
    """match, weak or greeting for an index's answer (the thresholds are parameters for calibration)."""
    if ranking.greeting:
        return GREETING
    if not ranking.hits:
        return WEAK
    if ranking.phrase or (ranking.hits[0].score >= score and ranking.coverage >= coverage
                          and ranking.meaning >= MEANING):
        return MATCH
    return WEAK
