"""`flask report halfyear` prints the anonymous figures with names, not slugs."""

from datetime import date

from sqlmodel import Session

from service.reports import record


def test_report_command_names_kitas(app, loaded) -> None:
    with Session(loaded) as session:
        record(session, "booking", date(2026, 8, 3), kita="loevenich", lang="ar")
        record(session, "booking", date(2026, 8, 4), kita="loevenich", lang="tr")
        session.commit()
    result = app.test_cli_runner().invoke(args=["report", "halfyear", "2026", "2"])
    assert result.exit_code == 0, result.output
    assert "Gebuchte Beratungstermine: 2" in result.output
    assert "Städt. Kita Lövenich" in result.output
    assert "| loevenich |" not in result.output


def test_report_command_refuses_a_third_half(app, db) -> None:
    result = app.test_cli_runner().invoke(args=["report", "halfyear", "2026", "3"])
    assert result.exit_code != 0
