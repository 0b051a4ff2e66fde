"""Quality gates over the shipped directory_data: complete in ten languages, translated, current, readable."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from service.directory.amounts import amounts_on
from service.directory.bidi import LRI, PDI
from service.directory.hashing import ENTRY_HASHED_FIELDS, PAGE_HASHED_FIELDS, source_hash
from service.directory.loader import DirectoryData, ParsedEntry
from service.directory.readability import check_directory
from service.directory.schema import KITA_SLUGS, PAGE_SLUGS, TOPIC_SLUGS
from service.i18n import LANGUAGE_CODES

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_ENTRIES = (
    "bildung-und-teilhabe", "kinderzuschlag", "kindergeld", "elterngeld", "unterhaltsvorschuss", "wohngeld",
    "buergergeld", "sozialhilfe-sgb-xii", "eingliederungshilfe", "fruehfoerderung", "hilfen-zur-erziehung",
    "erziehungsberatung", "asd-jugendamt", "kinderschutz-notfall", "gewaltschutz-frauen", "elterntelefon",
    "fruehe-hilfen", "schwangerschaftsberatung", "schuldnerberatung", "migrationsberatung", "deutschkurs-eltern",
    "sprachmittlung", "elternbeitrag-kita", "familienzentrum", "kita-sozialarbeit", "schulsozialarbeit",
    "gesundheit-kind", "tafel-lebensmittel", "beratungshilfe-recht", "suchtberatung",
)
# The topics added for 2027 (issue 15), listed in ../shared/search_eval/new_entries_2027.tsv.
NEW_ENTRIES_2027 = (
    "kita-platz", "einschulung-ogs", "kinderkrankengeld", "krankenversicherung", "sprachentwicklung",
    "wohnen-wohnungsnot", "trennung-sorgerecht", "mutterschutz", "behinderung-pflegegrad-kind",
    "sozialticket-ermaessigungen",
)
ALL_REQUIRED = REQUIRED_ENTRIES + NEW_ENTRIES_2027
TEXT_FIELDS = ("title", "summary", "for_whom", "what_you_get", "where")
LIST_FIELDS = ("how_to_apply", "what_to_bring")
# A euro amount written into a text: amounts live in entry.yaml and are formatted per language.
EURO_IN_TEXT = re.compile(r"\d[\d.,\s]*\s?(?:€|EUR\b|Euro\b|евро|євро|یورو|يورو|avro|euro\b)", re.IGNORECASE)


def required_entry(curated: DirectoryData, slug: str) -> ParsedEntry:
    """The shipped entry, or a failure naming the missing slug."""
    parsed = curated.entries.get(slug)
    if parsed is None:
        pytest.fail(f"required entry {slug} is missing")
    return parsed


@pytest.mark.parametrize(("name", "required"), [
    ("required_entries.tsv", REQUIRED_ENTRIES), ("new_entries_2027.tsv", NEW_ENTRIES_2027),
])
def test_required_list_matches_the_shared_evaluation_file(name: str, required: tuple[str, ...]) -> None:
    shared = ROOT.parent / "shared" / "search_eval" / name
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    slugs = [line.split("\t")[0] for line in shared.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    assert tuple(slugs) == required


@pytest.mark.parametrize("slug", ALL_REQUIRED)
def test_entry_is_complete_in_every_language(curated: DirectoryData, slug: str) -> None:
    parsed = required_entry(curated, slug)
    german = parsed.texts["de"]
    assert german.status == "reviewed"
    german_hash = source_hash(german.model_dump(), ENTRY_HASHED_FIELDS)
    problems = []
    for lang in LANGUAGE_CODES:
        text = parsed.texts.get(lang)
        if text is None:
            problems.append(f"{lang}: missing")
            continue
        for name in TEXT_FIELDS + LIST_FIELDS:
            if not getattr(text, name):
                problems.append(f"{lang}.{name}: empty")
            elif lang != "de" and getattr(text, name) == getattr(german, name):
                problems.append(f"{lang}.{name}: a copy of the German text")
        if not 8 <= len(text.keywords) <= 40:  # everyday words in each language (issue 17) need room
            problems.append(f"{lang}.keywords: {len(text.keywords)} (8–40 expected)")
        missing_labels = parsed.facts.label_keys() - set(text.labels)
        if missing_labels:
            problems.append(f"{lang}.labels: missing {sorted(missing_labels)}")
        if lang != "de":
            if text.status == "reviewed":
                problems.append(f"{lang}: marked reviewed, but no native speaker has checked it")
            if text.source_hash != german_hash:
                problems.append(f"{lang}: source_hash does not match the German text (outdated)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", ALL_REQUIRED)
def test_texts_never_repeat_amounts(curated: DirectoryData, slug: str) -> None:
    parsed = required_entry(curated, slug)
    offenders = []
    for lang, text in parsed.texts.items():
        for name in TEXT_FIELDS + LIST_FIELDS:
            value = getattr(text, name)
            for item in value if isinstance(value, list) else [value]:
                found = EURO_IN_TEXT.search(item)
                if found:
                    offenders.append(f"{lang}.{name}: {found.group(0)!r}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("slug", ALL_REQUIRED)
def test_facts_have_sources_and_dates(curated: DirectoryData, slug: str) -> None:
    parsed = required_entry(curated, slug)
    facts = parsed.facts
    assert facts.sources and facts.verified_on is not None
    for amount in facts.amounts:
        assert amount.as_of.year >= 2025, f"amount {amount.label_key} is dated {amount.as_of}"
    if any(not location.verified for location in facts.locations):
        assert facts.verified is False, "an unverified location makes the entry unverified"


def test_topics_named_in_every_language(curated: DirectoryData) -> None:
    assert [t.slug for t in curated.topics] == list(TOPIC_SLUGS)
    for topic in curated.topics:
        assert set(topic.names) == set(LANGUAGE_CODES), topic.slug
        assert set(topic.descriptions) == set(LANGUAGE_CODES), topic.slug


@pytest.mark.parametrize("slug", KITA_SLUGS)
def test_kita_texts_in_every_language(curated: DirectoryData, slug: str) -> None:
    kita = curated.kitas[slug]
    german = kita.texts["de"]
    for lang in LANGUAGE_CODES:
        text = kita.texts.get(lang)
        assert text is not None and text.summary and text.description, f"{slug}/{lang}"
        if lang != "de":
            assert (text.summary, text.description) != (german.summary, german.description), f"{slug}/{lang}"
    assert kita.verified is False or kita.address.street, "a verified kita needs its address"


@pytest.mark.parametrize("page_slug", PAGE_SLUGS)
def test_pages_in_every_language(curated: DirectoryData, page_slug: str) -> None:
    texts = curated.pages.get(page_slug, {})
    assert set(texts) == set(LANGUAGE_CODES), f"{page_slug}: {sorted(set(LANGUAGE_CODES) - set(texts))} missing"
    german_hash = source_hash(texts["de"].model_dump(), PAGE_HASHED_FIELDS)
    for lang, text in texts.items():
        assert text.title and text.body, f"{page_slug}/{lang}"
        if lang != "de":
            assert text.body != texts["de"].body, f"{page_slug}/{lang} is a copy of the German text"
            assert text.source_hash == german_hash, f"{page_slug}/{lang} is outdated"


def test_plain_language_in_german_and_english() -> None:
    findings = check_directory(ROOT / "directory_data")
    assert not findings, "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_phone_numbers_in_rtl_views_are_isolated(loaded, lang: str) -> None:
    from sqlmodel import Session

    from service.directory.queries import list_entries

    spaced = re.compile(r"\d+(?: \d+)+")
    with Session(loaded) as session:
        views = list_entries(session, lang)
    assert views
    isolated = 0
    for view in views:
        for name in TEXT_FIELDS:
            value = view.texts[name]
            for match in spaced.finditer(value):
                before = value[: match.start()]
                assert before.count(LRI) > before.count(PDI), f"{view.slug}.{name}: {match.group(0)} not isolated"
                isolated += 1
    assert isolated > 0, "expected phone numbers in the RTL texts"


def test_hours_are_data_not_text(curated: DirectoryData) -> None:
    """Opening hours are formatted per language from data; a free-text string would show German everywhere."""
    from service.present.hours import is_structured

    texts = [f"{slug}: {place.hours!r}" for slug, parsed in curated.entries.items()
             for place in (*parsed.facts.phones, *parsed.facts.locations)
             if place.hours is not None and not is_structured(place.hours)]
    assert not texts, "\n".join(texts)



BEFORE_2027, FROM_2027 = dt.date(2026, 12, 31), dt.date(2027, 1, 1)


@pytest.mark.parametrize("slug", ["kindergeld", "kinderzuschlag", "buergergeld", "sozialhilfe-sgb-xii",
                                  "unterhaltsvorschuss", "bildung-und-teilhabe"])
def test_year_bound_amounts_switch_on_new_year(curated: DirectoryData, slug: str) -> None:
    """Up to 31.12.2026 the 2026 figures apply; from 1.1.2027 a 2027 figure, or the 2026 one flagged "Stand 2026"."""
    amounts = [a.model_dump(mode="json") for a in required_entry(curated, slug).facts.amounts]
    before, after = amounts_on(amounts, BEFORE_2027), amounts_on(amounts, FROM_2027)
    assert [a.label_key for a in before] == [a.label_key for a in after]
    assert not any(a.stale for a in before)
    for chosen in after:
        if chosen.stale:
            assert chosen.year == 2026 and chosen.amount["valid_until"] == "2026-12-31"
        else:
            assert chosen.amount.get("valid_until") is None or chosen.amount["as_of"] >= "2027-01-01"
    assert any(a.amount.get("valid_until") for a in before), "year-bound figures need valid_until"


def test_amount_periods_do_not_overlap(curated: DirectoryData) -> None:
    overlaps = []
    for slug, parsed in curated.entries.items():
        by_key: dict[str, list] = {}
        for amount in parsed.facts.amounts:
            by_key.setdefault(amount.label_key, []).append(amount)
        for key, figures in by_key.items():
            figures.sort(key=lambda a: a.as_of)
            for older, newer in zip(figures, figures[1:], strict=False):
                if older.valid_until is None or older.valid_until >= newer.as_of:
                    overlaps.append(f"{slug}.{key}: {older.as_of}–{older.valid_until} overlaps {newer.as_of}")
    assert not overlaps, "\n".join(overlaps)


@pytest.mark.parametrize("slug", ALL_REQUIRED)
def test_short_titles_fit_a_button(curated: DirectoryData, slug: str) -> None:
    parsed = required_entry(curated, slug)
    missing = [lang for lang in LANGUAGE_CODES if not getattr(parsed.texts.get(lang), "short_title", "")]
    assert not missing, f"{slug}: no short_title in {missing}"


# Informal Polish (ty): imperatives, 2nd person singular verbs and pronouns. Parents are addressed as Państwo / Pani.
POLISH_INFORMAL = re.compile(
    r"\b(zapytaj|zadzwoń|dzwoń|porozmawiaj|złóż|wypełnij|zgłoś|sprawdź|znajdź|poproś|przyjdź|umów|pokaż|przynieś|"
    r"zabierz|idź|wybierz|skontaktuj|napisz|wyślij|weź|możesz|musisz|masz|jesteś|dostajesz|dostaniesz|"
    r"potrzebujesz|chcesz|wiesz|płacisz|otrzymujesz|otrzymasz|znajdziesz|martwisz|powiedz|opowiedz|"
    r"twój|twoje|twoja|twojego|twojej|twoim|twoją|twoich|cię|ciebie|tobie)\b", re.IGNORECASE)


def test_polish_addresses_parents_formally(curated: DirectoryData) -> None:
    found = []
    for slug, parsed in curated.entries.items():
        text = parsed.texts.get("pl")
        if text is None:
            continue
        for name in ("short_title",) + TEXT_FIELDS + LIST_FIELDS:
            value = getattr(text, name)
            for item in value if isinstance(value, list) else [value]:
                found += [f"{slug}.{name}: {m.group(0)}" for m in POLISH_INFORMAL.finditer(item)]
        found += [f"{slug}.labels.{key}: {m.group(0)}" for key, label in text.labels.items()
                  for m in POLISH_INFORMAL.finditer(label)]
    assert not found, "\n".join(found)


def _texts(curated: DirectoryData, lang: str):  # noqa: ANN202 - (slug, field, text) of every entry in one language
    for slug, parsed in curated.entries.items():
        text = parsed.texts.get(lang)
        if text is None:
            continue
        for name in ("short_title",) + TEXT_FIELDS + LIST_FIELDS:
            value = getattr(text, name)
            for item in value if isinstance(value, list) else [value]:
                yield slug, name, item


def test_the_kita_social_worker_is_a_woman_in_russian(curated: DirectoryData) -> None:
    male = re.compile(r"социальн\w* работник\w*(?= (?:вашего )?(?:детского )?сада| \(Kita-Sozialarbeit\)| в саду)")
    found = [f"{slug}.{name}: {m.group(0)}" for slug, name, item in _texts(curated, "ru") for m in male.finditer(item)]
    assert not found, "\n".join(found)


def test_kurmanji_calls_a_number_rather_than_searching_it(curated: DirectoryData) -> None:
    searching = re.compile(r"\b\d{3}(?: \d{3})? bigerin\b")
    found = [f"{slug}.{name}: {m.group(0)}" for slug, name, item in _texts(curated, "ku")
             for m in searching.finditer(item)]
    assert not found, "\n".join(found)
