"""Validate `directory_data/` and load it into the database in one transaction.

Parsing and validation touch no database; only a directory without a single problem is applied, so a bad file
leaves the database exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from service.directory import schema
from service.directory.apply import apply_directory
from service.directory.parsed import (  # noqa: F401 - the loader's public names, kept importable here
    DirectoryData,
    LoadSummary,
    ParsedEntry,
    german_hashes,
    page_hash,
    translation_status,
)
from service.errors import ServiceError
from service.i18n import DEFAULT_LANG, LANGUAGE_CODES

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_Loader):  # type: ignore[misc, valid-type]
    """A safe YAML loader that refuses duplicate keys instead of silently keeping the last."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the curated data."""

    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(f"entry '{self.entry}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.message}"


class DirectoryInvalid(ServiceError):
    """The curated data has problems; nothing was loaded."""

    code = "directory_invalid"

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the directory data")
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class _Reader:
    """Reads files and collects problems instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def problem(self, path: Path, entry: str | None, fld: str | None, message: str) -> None:
        self.problems.append(Problem(self.rel(path), entry, fld, message))

    def yaml(self, path: Path, entry: str | None) -> Any:
        try:
            return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
        except UnicodeDecodeError:
            self.problem(path, entry, None, "is not UTF-8 text")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            reason = getattr(exc, "problem", None) or str(exc)
            self.problem(path, entry, None, f"is not valid YAML{where}: {reason}")
        return None

    def model(self, path: Path, entry: str | None, cls: type[BaseModel], data: Any, prefix: str = "") -> Any:
        if not isinstance(data, dict):
            self.problem(path, entry, prefix or None, "must be a mapping of field: value")
            return None
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = _format_loc((prefix,) + tuple(error["loc"]) if prefix else tuple(error["loc"]))
                message = "unknown field" if error["type"] == "extra_forbidden" else error["msg"]
                self.problem(path, entry, loc or None, message)
            return None


def _format_loc(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if part == "":
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def parse_directory(root: Path) -> DirectoryData:
    """Read and validate every file below `root`; raise DirectoryInvalid listing all problems."""
    root = Path(root)
    reader = _Reader(root)
    data = DirectoryData(root=root)
    if not root.is_dir():
        raise DirectoryInvalid([Problem(str(root), None, None, "directory not found")])
    _parse_topics(reader, root / "topics.yaml", data)
    for folder in sorted(p for p in (root / "entries").glob("*") if p.is_dir()):
        _parse_entry(reader, folder, data)
    for path in sorted((root / "kitas").glob("*.yaml")):
        _parse_kita(reader, path, data)
    for folder in sorted(p for p in (root / "pages").glob("*") if p.is_dir()):
        _parse_page(reader, folder, data)
    for path in sorted((root / "staff").glob("*.yaml")):
        slug = path.stem
        if _check_slug(reader, path, slug, None):
            staff = reader.model(path, slug, schema.StaffData, reader.yaml(path, slug))
            if staff:
                data.staff[slug] = staff
    _parse_glossary(reader, root / "glossary.yaml", data)
    _parse_finder(reader, root / "finder.yaml", data)
    if reader.problems:
        raise DirectoryInvalid(reader.problems)
    return data


def _parse_glossary(reader: _Reader, path: Path, data: DirectoryData) -> None:
    """`glossary.yaml` (optional): a list of concepts, each with its chosen term per language."""
    if not path.exists():
        return
    for concept in _read_list(reader, path, schema.GlossaryData, "concept", "concept"):
        _check_lang_keys(reader, path, concept.concept, "terms", concept.terms)
        _check_lang_keys(reader, path, concept.concept, "avoid", concept.avoid)
        data.glossary.append(concept)


def _read_list(reader: _Reader, path: Path, cls: type[BaseModel], key: str, what: str) -> list[Any]:
    """The valid items of a YAML list file, each unique by `key` (problems reported, duplicates dropped)."""
    raw = reader.yaml(path, None)
    if raw is None:
        return []
    if not isinstance(raw, list):
        reader.problem(path, None, None, f"must be a list of {path.stem}")
        return []
    items, seen = [], set()
    for index, item in enumerate(raw):
        name = item.get(key) if isinstance(item, dict) else None
        parsed = reader.model(path, name or f"#{index + 1}", cls, item)
        if parsed is None:
            continue
        if getattr(parsed, key) in seen:
            reader.problem(path, getattr(parsed, key), key, f"duplicate {what}")
            continue
        seen.add(getattr(parsed, key))
        items.append(parsed)
    return items


def _parse_finder(reader: _Reader, path: Path, data: DirectoryData) -> None:
    """Hook for the finder (service/finder owns the file's shape): optional rules checked against the entries."""
    from service.finder.rules import validate_rules

    if not path.exists():
        return
    raw = reader.yaml(path, None)
    if raw is None:
        return
    data.finder, problems = validate_rules(raw, set(data.entries))
    for fld, message in problems:
        reader.problem(path, None, fld or None, message)


def _check_slug(reader: _Reader, path: Path, slug: str, entry: str | None) -> bool:
    try:
        schema.check_slug(slug)
        return True
    except ValueError as exc:
        reader.problem(path, entry or slug, "slug", f"malformed slug {slug!r}: {exc}")
        return False


def _parse_topics(reader: _Reader, path: Path, data: DirectoryData) -> None:
    if not path.exists():
        reader.problem(path, None, None, "file is missing")
        return
    for topic in _read_list(reader, path, schema.TopicData, "slug", "topic slug"):
        if DEFAULT_LANG not in topic.names:
            reader.problem(path, topic.slug, "names.de", "German name is missing")
        else:
            _check_lang_keys(reader, path, topic.slug, "names", topic.names)
            data.topics.append(topic)


def _check_lang_keys(reader: _Reader, path: Path, entry: str, fld: str, mapping: dict[str, Any]) -> None:
    for code in mapping:
        if code not in LANGUAGE_CODES:
            reader.problem(path, entry, f"{fld}.{code}", f"unknown language {code!r}")


def _parse_entry(reader: _Reader, folder: Path, data: DirectoryData) -> None:
    slug = folder.name
    if not _check_slug(reader, folder, slug, slug):
        return
    facts_path = folder / "entry.yaml"
    if not facts_path.exists():
        reader.problem(facts_path, slug, None, "file is missing")
        return
    facts = reader.model(facts_path, slug, schema.EntryData, reader.yaml(facts_path, slug))
    texts: dict[str, schema.EntryTextData] = {}
    for path in sorted(folder.glob("*.y*ml")):
        if path.name == "entry.yaml":
            continue
        lang = path.stem
        if path.suffix != ".yaml" or lang not in LANGUAGE_CODES:
            allowed = ", ".join(LANGUAGE_CODES)
            reader.problem(path, slug, None, f"unexpected file: language files are <lang>.yaml, lang one of {allowed}")
            continue
        text = reader.model(path, slug, schema.EntryTextData, reader.yaml(path, slug))
        if text:
            texts[lang] = text
    german = folder / "de.yaml"
    if not german.exists():
        reader.problem(german, slug, "title", "German texts (de.yaml with a title) are required")
        return
    if facts is None or DEFAULT_LANG not in texts:
        return
    for key in sorted(facts.label_keys() - set(texts[DEFAULT_LANG].labels)):
        reader.problem(german, slug, f"labels.{key}", "German label text for this label_key is missing")
    data.entries[slug] = ParsedEntry(slug, facts, texts)


def _parse_kita(reader: _Reader, path: Path, data: DirectoryData) -> None:
    slug = path.stem
    if not _check_slug(reader, path, slug, slug):
        return
    if slug not in schema.KITA_SLUGS:
        reader.problem(path, slug, "slug", f"unknown kita; the plusKITAs are {', '.join(schema.KITA_SLUGS)}")
        return
    kita = reader.model(path, slug, schema.KitaData, reader.yaml(path, slug))
    if kita is None:
        return
    _check_lang_keys(reader, path, slug, "texts", kita.texts)
    if DEFAULT_LANG not in kita.texts:
        reader.problem(path, slug, "texts.de", "German texts are required")
    data.kitas[slug] = kita


def _parse_page(reader: _Reader, folder: Path, data: DirectoryData) -> None:
    page = folder.name
    if page not in schema.PAGE_SLUGS:
        reader.problem(folder, page, None, f"unknown page; pages are {', '.join(schema.PAGE_SLUGS)}")
        return
    texts: dict[str, schema.PageData] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in LANGUAGE_CODES:
            reader.problem(path, page, None, "unexpected file: pages have one <lang>.yaml per language")
            continue
        parsed = reader.model(path, page, schema.PageData, reader.yaml(path, page))
        if parsed:
            texts[path.stem] = parsed
    if not (folder / "de.yaml").exists():
        reader.problem(folder / "de.yaml", page, "title", "German text is required")
    data.pages[page] = texts


def load_directory(session: Session, root: Path) -> LoadSummary:
    """Validate `root`, then upsert it into the database within the caller's transaction."""
    data = parse_directory(root)
    return apply_directory(session, data)
