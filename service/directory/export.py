"""Write the live directory from the database back into the loader's layout (`directory export PATH`).

Keys follow the schema's order, empty optional fields are left out and the YAML style is fixed, so exporting
twice gives the same bytes and a diff against the files shows only real changes. The seed-only folders
(`staff/` examples, `schedules/`) are copied from the seed directory: staff records in the database are people.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from service.curation.records import plain, read_record
from service.directory.models import Entry, GlossaryConcept, Kita, KitaTranslation, PageTranslation, Topic
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES

SEED_FOLDERS = ("staff", "schedules")
SEED_FILES = ("finder.yaml",)  # read from the files by their part; copied unless EXTRA_FILES writes them
# Parts of the directory kept in their own tables write their own file: (file name, module, function).
EXTRA_FILES: tuple[tuple[str, str, str], ...] = (("finder.yaml", "service.finder.operations", "finder_yaml"),)
_WIDTH = 110


_SENTENCE_END = ".!?؟"
_ABBREVIATIONS = {"abs.", "nr.", "bzw.", "ggf.", "usw.", "ca.", "vgl.", "str.", "z.", "b.", "d.", "h.", "u.", "a."}
DATE_FIELDS = {"as_of", "valid_until", "accessed", "verified_on", "date"}


def _lines(text: str, width: int) -> list[str]:
    """A paragraph cut after each sentence and before `width`, for a folded block (joined again by spaces)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = ""
        current = f"{current} {word}" if current else word
        if word[-1:] in _SENTENCE_END and len(word) > 3 and word.lower() not in _ABBREVIATIONS:
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    return lines


def _foldable(text: str) -> bool:
    return (len(text) > 100 and text == text.strip() and "  " not in text
            and not any(ch in text for ch in "\n\t\r\x85\u2028\u2029"))


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists; short lists and mappings of scalars on one line; long texts folded one
    sentence per line; no aliases."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def write_folded(self, text: str) -> None:
        if not _foldable(text):
            super().write_folded(text)
            return
        self.write_indicator(">-", True)
        self.write_line_break()
        for line in _lines(text, self.best_width - (self.indent or 0)):
            self.write_indent()
            self.stream.write(line)
            self.column += len(line)
            self.write_line_break()


def _short(data: list | dict) -> bool:
    values = data.values() if isinstance(data, dict) else data
    if not data or any(isinstance(v, list | dict) for v in values):
        return not data
    pairs = data.items() if isinstance(data, dict) else ((None, v) for v in data)
    length = sum(len(str(v)) + (len(k) + 2 if k else 0) + 2 for k, v in pairs)
    return length <= 70 and not any(isinstance(v, str) and ("\n" in v or ":" in v or "," in v) for v in values)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value.strip("\n") else ">" if _foldable(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=_short(value))


def _dict(dumper: yaml.SafeDumper, value: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=_short(value))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _dict)


def _dated(data: Any, key: str = "") -> Any:
    """ISO dates of date fields back to dates, so they are written unquoted like the authors write them."""
    if isinstance(data, dict):
        return {k: _dated(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_dated(v, key) for v in data]
    if key in DATE_FIELDS and isinstance(data, str):
        try:
            return date.fromisoformat(data)
        except ValueError:
            return data
    return data


def dump_yaml(data: Any) -> str:
    """The house style of an exported file."""
    return yaml.dump(_dated(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=_WIDTH)


def _compact(record: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Leave out empty optional fields (the schema's defaults), keeping `keep` always."""
    return {k: v for k, v in record.items() if k in keep or v not in (None, "", [], {})}


def _write(path: Path, data: Any, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + dump_yaml(data), encoding="utf-8")


def export_directory(session: Session, target: Path, seed: Path | None = None) -> dict[str, int]:
    """Write every directory record below `target`; returns counts per kind."""
    target = Path(target)
    counts = {"entries": 0, "texts": 0, "kitas": 0, "pages": 0, "topics": 0}
    topics = list(session.exec(select(Topic).order_by(Topic.position, Topic.slug)))
    _write(target / "topics.yaml",
           [_compact(read_record(session, "topic", t.slug) or {}, ("slug", "names")) for t in topics])
    counts["topics"] = len(topics)
    for entry in session.exec(select(Entry).where(Entry.archived == False).order_by(Entry.slug)):  # noqa: E712
        folder = target / "entries" / entry.slug
        _write(folder / "entry.yaml", _compact(read_record(session, "facts", entry.slug) or {},
                                               ("kind", "topics", "sources", "verified")))
        for lang in LANGUAGE_CODES:
            texts = read_record(session, "entry", entry.slug, lang)
            if texts is not None:
                keep = ("status", "title") + (("source_hash",) if lang != DEFAULT_LANG else ())
                _write(folder / f"{lang}.yaml", _compact(texts, keep))
                counts["texts"] += 1
        counts["entries"] += 1
    for kita in session.exec(select(Kita).order_by(Kita.slug)):
        rows = {r.lang: r for r in session.exec(select(KitaTranslation).where(KitaTranslation.kita_id == kita.id))}
        texts = {lang: {"status": rows[lang].status, "summary": rows[lang].summary,
                        "description": rows[lang].description} for lang in LANGUAGE_CODES if lang in rows}
        data = {"name": kita.name, "address": plain({k: kita.address.get(k) for k in
                                                     ("street", "postal_code", "city", "district")}),
                "phone": kita.phone, "verified": kita.verified, "texts": texts}
        _write(target / "kitas" / f"{kita.slug}.yaml", data)
        counts["kitas"] += 1
    pages = sorted(set(session.exec(select(PageTranslation.page))))
    for page in pages:
        for lang in LANGUAGE_CODES:
            record = read_record(session, "page", page, lang)
            if record is not None:
                keep = ("status", "title") + (("source_hash",) if lang != DEFAULT_LANG else ())
                _write(target / "pages" / page / f"{lang}.yaml", _compact(record, keep))
        counts["pages"] += 1
    glossary = glossary_records(session)
    if glossary:
        _write(target / "glossary.yaml", glossary)
    written = set()
    for name, module, function in EXTRA_FILES:
        data = _extra(module, function)(session)
        if data is not None:
            _write(target / name, data)
            written.add(name)
    if seed is not None and Path(seed).resolve() != target.resolve():
        for folder in SEED_FOLDERS:
            if (Path(seed) / folder).is_dir():
                shutil.copytree(Path(seed) / folder, target / folder, dirs_exist_ok=True)
        for name in SEED_FILES:
            if name not in written and (Path(seed) / name).is_file():
                shutil.copyfile(Path(seed) / name, target / name)
    return counts


def glossary_records(session: Session) -> list[dict[str, Any]]:
    """The glossary as its YAML file lists it."""
    rows = session.exec(select(GlossaryConcept).order_by(GlossaryConcept.position, GlossaryConcept.concept))
    return [_compact({"concept": r.concept, "de": r.de, "terms": _ordered(r.terms), "avoid": _ordered(r.avoid),
                      "note": r.note}, ("concept", "de")) for r in rows]


def _ordered(by_lang: dict[str, Any]) -> dict[str, Any]:
    return {lang: by_lang[lang] for lang in LANGUAGE_CODES if by_lang.get(lang)}


def _extra(module: str, function: str) -> Callable[[Session], Any]:
    from importlib import import_module

    return getattr(import_module(module), function)
