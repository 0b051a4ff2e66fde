"""Example schedules in directory_data/schedules/: validated with file and field, seeded into an empty database."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from service.booking import BERLIN, free_slots
from service.booking.models import KitaClosure, Schedule, ScheduleException
from service.booking.seed import AbsenceData, parse_schedules, seed_schedules
from service.config import PROJECT_ROOT
from service.directory.loader import DirectoryInvalid
from service.directory.models import SocialWorker

SHIPPED = PROJECT_ROOT / "directory_data"
STAFF = {"beispiel-a": {"loevenich", "schulring"}, "beispiel-b": {"kamp-lintforter-strasse", "westpromenade"},
         "beispiel-c": {"gerderath"}}


def test_shipped_examples_are_valid_and_marked() -> None:
    data = parse_schedules(SHIPPED, STAFF)
    assert set(data.files) == set(STAFF)
    assert all(item.example for item in data.files.values()) and data.closures.example
    for path in (SHIPPED / "staff").glob("*.yaml"):
        staff = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert staff["example"] is True and staff["name"].startswith("Beispiel-")


def test_seed_fills_an_empty_database_once(loaded) -> None:
    with Session(loaded) as session:
        added = seed_schedules(session, SHIPPED)
        session.commit()
        assert added == len(session.exec(select(Schedule)).all()) > 0
        assert all(s.is_example for s in session.exec(select(Schedule)))
        assert session.exec(select(ScheduleException)).all() and session.exec(select(KitaClosure)).all()
        assert all(w.ical_token and len(w.ical_token) >= 22 for w in session.exec(select(SocialWorker)))
        # afterwards the database is the source of truth: a second seed adds nothing
        session.delete(session.exec(select(Schedule)).first())
        session.commit()
        assert seed_schedules(session, SHIPPED) == 0
        assert len(session.exec(select(Schedule)).all()) == added - 1


def test_seeded_examples_offer_slots_at_every_kita(loaded) -> None:
    with Session(loaded) as session:
        seed_schedules(session, SHIPPED)
        now = datetime(2027, 2, 1, 7, tzinfo=BERLIN)
        for kita in ("kamp-lintforter-strasse", "westpromenade", "gerderath", "loevenich", "schulring"):
            assert free_slots(session, kita, date(2027, 2, 1), 14, now=now), kita
        closed = free_slots(session, "loevenich", date(2026, 12, 24), 9, now=datetime(2026, 12, 20, tzinfo=BERLIN))
        assert closed == []  # the example Christmas closing


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "directory_data"
    shutil.copytree(SHIPPED / "schedules", root / "schedules")
    return root


def _edit(root: Path, name: str, **changes: object) -> None:
    path = root / "schedules" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"social_worker": "nobody"}, "social_worker", "unknown social worker"),
    ({"kitas": {"gerderath": [{"day": "mo", "opens": "09:00", "closes": "10:00"}]}}, "kitas.gerderath",
     "does not serve"),
    ({"kitas": {"loevenich": [{"day": "mo", "opens": "11:00", "closes": "10:00"}]}}, "kitas.loevenich[0]",
     "opens must be before closes"),
    ({"kitas": {"loevenich": [{"day": "mo", "opens": "9:00", "closes": "10:00"}]}}, "kitas.loevenich[0].opens",
     "pattern"),
    ({"kitas": {"loevenich": [{"day": "monday", "opens": "09:00", "closes": "10:00"}]}}, "kitas.loevenich[0].day",
     "Input should be"),
    ({"kitas": {"loevenich": [{"day": "mo", "opens": "09:00", "closes": "11:00"}],
                "schulring": [{"day": "mo", "opens": "10:30", "closes": "12:00"}]}}, "kitas", "overlaps"),
    ({"slot_minutes": 5}, "slot_minutes", "greater than or equal"),
    ({"valid_until": date(2020, 1, 1)}, None, "valid_until is before valid_from"),
    ({"colour": "red"}, "colour", "unknown field"),
    ({"absences": [{"first_day": date(2027, 1, 5), "opens": "09:00"}]}, "absences[0]", "give both"),
])
def test_problems_name_file_and_field(tmp_path, changes, field, message) -> None:
    root = _copy(tmp_path)
    _edit(root, "beispiel-a.yaml", **changes)
    with pytest.raises(DirectoryInvalid) as err:
        parse_schedules(root, STAFF)
    problem = err.value.problems[0]
    assert problem.file.endswith("schedules/beispiel-a.yaml")
    assert problem.field == field and message in problem.message, problem


def test_broken_yaml_is_reported(tmp_path) -> None:
    root = _copy(tmp_path)
    (root / "schedules" / "closing-days.yaml").write_text("kitas: [unclosed\n", encoding="utf-8")
    with pytest.raises(DirectoryInvalid) as err:
        parse_schedules(root, STAFF)
    assert "closing-days.yaml" in err.value.problems[0].file


def test_absence_hours_block_each_day() -> None:
    spans = AbsenceData(first_day=date(2027, 3, 1), last_day=date(2027, 3, 2), opens="09:00", closes="10:00").spans()
    assert [(a.isoformat(), b - a) for a, b in spans] == [
        ("2027-03-01T09:00:00+01:00", timedelta(hours=1)), ("2027-03-02T09:00:00+01:00", timedelta(hours=1))]


def test_directory_load_seeds_schedules(app, db, mini_directory) -> None:
    from tests.factories import write_yaml

    write_yaml(mini_directory / "staff" / "beispiel-x.yaml", {"name": "Beispiel X", "example": True,
                                                               "kitas": ["loevenich"]})
    write_yaml(mini_directory / "schedules" / "beispiel-x.yaml", {
        "example": True, "social_worker": "beispiel-x", "valid_from": "2026-08-01",
        "kitas": {"loevenich": [{"day": "mo", "opens": "09:00", "closes": "10:00"}]}})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["directory", "load", str(mini_directory)])
    assert result.exit_code == 0 and "seeded 1 example consultation windows" in result.output, result.output
    again = runner.invoke(args=["directory", "load", str(mini_directory)])
    assert again.exit_code == 0 and "seeded" not in again.output
    write_yaml(mini_directory / "schedules" / "broken.yaml", {"social_worker": "nobody"})
    broken = runner.invoke(args=["directory", "load", str(mini_directory)])
    assert broken.exit_code == 0  # the database already has schedules: `directory check` reports the file


def test_directory_check_validates_schedules(app, mini_directory) -> None:
    from tests.factories import write_yaml

    runner = app.test_cli_runner()
    assert runner.invoke(args=["directory", "check", str(mini_directory)]).exit_code == 0
    write_yaml(mini_directory / "schedules" / "broken.yaml", {"social_worker": "nobody", "valid_from": "2026-08-01",
                                                              "kitas": {"loevenich": []}})
    result = runner.invoke(args=["directory", "check", str(mini_directory)])
    assert result.exit_code == 1 and "schedules/broken.yaml" in result.output and "unknown social worker" in (
        result.output)
