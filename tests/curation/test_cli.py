"""`flask directory load` reports conflicts and exits 0; `directory export` writes the loader's layout."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from service.curation.operations import edit_entry_text
from service.directory.queries import get_entry


def test_load_reports_conflicts_and_export_writes_files(app, db, mini_directory: Path, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["directory", "load", str(mini_directory)])
    assert first.exit_code == 0, first.output
    assert "conflicts: 0" in first.output
    with Session(db) as session:
        edit_entry_text(session, "kindergeld", "en", {"title": "Child benefit (edited)"}, "olena")
        session.commit()
    second = runner.invoke(args=["directory", "load", str(mini_directory)])
    assert second.exit_code == 0, second.output
    assert "conflict: entry kindergeld, language en, field title: changed in the browser by olena" in second.output
    assert second.output.rstrip().endswith("conflicts: 1")
    with Session(db) as session:
        assert get_entry(session, "kindergeld", "en").title == "Child benefit (edited)"
    exported = runner.invoke(args=["directory", "export", str(tmp_path / "out")])
    assert exported.exit_code == 0, exported.output
    assert "title: Child benefit (edited)" in (tmp_path / "out/entries/kindergeld/en.yaml").read_text("utf-8")
    third = runner.invoke(args=["directory", "load", "--prefer-files", str(mini_directory)])
    assert "overwritten by the files: entry kindergeld, language en, field title" in third.output
    assert "conflicts: 0" in third.output
    with Session(db) as session:
        assert get_entry(session, "kindergeld", "en").title == "Child benefit"
