"""Export: load -> export of the shipped data gives the same parsed data, in a stable form."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.directory.apply import apply_directory
from service.directory.export import dump_yaml, export_directory
from service.directory.loader import DirectoryData, parse_directory
from tests.conftest import DIRECTORY


def parsed(data: DirectoryData) -> dict:
    """Everything the loader read, as plain data."""
    return {
        "topics": [t.model_dump() for t in data.topics],
        "entries": {slug: {"facts": e.facts.model_dump(), "texts": {k: v.model_dump() for k, v in e.texts.items()}}
                    for slug, e in data.entries.items()},
        "kitas": {slug: k.model_dump() for slug, k in data.kitas.items()},
        "pages": {page: {k: v.model_dump() for k, v in texts.items()} for page, texts in data.pages.items()},
        "staff": {slug: s.model_dump() for slug, s in data.staff.items()},
        "glossary": [c.model_dump() for c in data.glossary],
        "finder": data.finder.model_dump() if data.finder is not None else None,
    }


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_shipped_data_round_trips(loaded: Engine, curated: DirectoryData, tmp_path: Path) -> None:
    with Session(loaded) as session:
        counts = export_directory(session, tmp_path / "out", seed=DIRECTORY)
    assert counts["entries"] == len(curated.entries) and counts["topics"] == 8
    again = parse_directory(tmp_path / "out")
    assert parsed(again) == parsed(curated)
    assert curated.finder is not None and (tmp_path / "out" / "finder.yaml").exists()
    assert sorted(again.entries) == sorted(curated.entries)


def test_export_is_stable_through_a_second_load(db: Engine, curated: DirectoryData, tmp_path: Path) -> None:
    with Session(db) as session:
        apply_directory(session, curated)
        session.commit()
        export_directory(session, tmp_path / "one")
        apply_directory(session, parse_directory(tmp_path / "one"))
        session.commit()
        export_directory(session, tmp_path / "two")
    first, second = files(tmp_path / "one"), files(tmp_path / "two")
    assert first == second
    assert len(first) > 300


def test_house_style() -> None:
    text = dump_yaml({"title": "Kindergeld", "as_of": "2026-01-01", "topics": ["money"],
                      "for_whom": "Für fast alle Familien mit Kindern in Deutschland. Das Einkommen ist egal. "
                                  "Kindergeld gibt es bis zum 18. Geburtstag, z. B. auch für Pflegekinder.",
                      "body": "Absatz eins.\n\n## Titel\n- Punkt"})
    assert "as_of: 2026-01-01\n" in text and "topics: [money]\n" in text
    assert "for_whom: >-\n  Für fast alle Familien mit Kindern in Deutschland.\n  Das Einkommen ist egal.\n" in text
    assert "body: |-\n  Absatz eins.\n\n  ## Titel\n" in text


def test_finder_file_travels_with_the_export(db, tmp_path: Path) -> None:
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "finder.yaml").write_text("thresholds: []\n", encoding="utf-8")
    with Session(db) as session:
        export_directory(session, tmp_path / "out", seed=tmp_path / "seed")
    assert (tmp_path / "out" / "finder.yaml").read_text(encoding="utf-8") == "thresholds: []\n"
