"""The half-year report for staff: period choice, figures equal to the counters, names not slugs, Markdown download."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from service import counters
from service.booking import BERLIN
from service.reports import record
from service.web.staff.report import last_complete_half
from tests.web.staff_helpers import add_booking, at, text

H1_2026 = date(2026, 3, 2)


def rows(html: str, heading_id: str) -> list[tuple[str, ...]]:
    """The body rows of the table under one heading, as cell texts."""
    section = html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in section else ""
    return [tuple(re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)) for row in re.findall(r"<tr>(.*?)</tr>", body)]


@pytest.fixture
def counted(staff_world):
    """Counters in the first half of 2026 (and one just outside it)."""
    with staff_world.session() as session:
        for _ in range(3):
            record(session, "search", H1_2026, lang="de")
        for _ in range(2):
            record(session, "search", date(2026, 6, 30), lang="tr")
            record(session, "search_empty", H1_2026, lang="de", terms=["wohnberechtigungsschein"])
            record(session, "share_open", H1_2026, source="qr", entry="kindergeld")
        record(session, "search_empty", H1_2026, lang="de", terms=["einmal"])
        for _ in range(4):
            record(session, "entry_view", H1_2026, entry="kindergeld", topic="money", lang="ar")
        for _ in range(3):
            record(session, "booking", H1_2026, kita="loevenich", lang="ar", entry="kindergeld")
        record(session, "booking", H1_2026, kita="gerderath", lang="tr")
        record(session, "cancel", H1_2026, kita="loevenich", lang="ar")
        record(session, "no_show", H1_2026, kita="gerderath", lang="tr")
        record(session, "booking", date(2026, 7, 1), kita="loevenich", lang="de")  # the next half year
        session.commit()
    return staff_world


@pytest.mark.parametrize("path", ["/staff/report?year=2026&half=1", "/staff/report.md?year=2026&half=1"])
def test_the_report_needs_a_login(client, db, path) -> None:
    assert client.get(path).status_code == 302


@pytest.mark.parametrize(("today", "expected"), [
    (datetime(2026, 11, 26, tzinfo=BERLIN), (2026, 1)),
    (datetime(2026, 7, 1, tzinfo=BERLIN), (2026, 1)),
    (datetime(2026, 6, 30, tzinfo=BERLIN), (2025, 2)),
    (datetime(2027, 1, 1, tzinfo=BERLIN), (2026, 2)),
])
def test_the_last_complete_half_year(today, expected) -> None:
    assert last_complete_half(today) == expected


def test_the_default_is_the_last_complete_half_year(staff_client, staff_world) -> None:
    year, half = last_complete_half()
    html = text(staff_client.get("/staff/report"))
    assert f'<option value="{year}" selected>' in html and f'<option value="{half}" selected>' in html


def test_figures_are_the_counters_with_names(staff_client, counted) -> None:
    html = text(staff_client.get("/staff/report?year=2026&half=1"))
    assert "01.01.2026" not in html and "1. Januar 2026" in html and "30. Juni 2026" in html
    assert rows(html, "totals-h") == [
        ("Suchanfragen", "5"), ("Suchen ohne Ergebnis", "3"), ("Gelesene Einträge", "4"),
        ("Über geteilte Links oder QR-Codes geöffnet", "2"), ("Gebuchte Gespräche", "4"),
        ("Abgesagte Gespräche", "1"), ("Familien nicht gekommen", "1"),
    ]
    assert rows(html, "topics-h") == [("Geld", "4")]
    assert rows(html, "entries-h") == [("Kindergeld", "4")]
    assert rows(html, "langs-h") == [("Deutsch", "3"), ("Türkisch", "2")]
    assert rows(html, "unanswered-h") == [("wohnberechtigungsschein", "2")]  # asked once: not listed
    assert rows(html, "kitas-h") == [("Städt. Kita Lövenich", "3", "1", "0"),
                                     ("Familienzentrum Gerderath", "1", "0", "1")]
    assert rows(html, "booking-langs-h") == [("Arabisch", "3"), ("Türkisch", "1")]
    assert rows(html, "sources-h") == [("QR-Code", "2")]


def test_an_empty_half_year(staff_client, counted) -> None:
    html = text(staff_client.get("/staff/report?year=2025&half=2"))
    assert rows(html, "totals-h")[0] == ("Suchanfragen", "0")
    assert "Keine Zählungen in diesem Halbjahr." in html
    assert rows(html, "kitas-h") == [("Familienzentrum Gerderath", "0", "0", "0"),
                                     ("Städt. Kita Lövenich", "0", "0", "0")]


def test_the_report_in_arabic(staff_client, counted) -> None:
    html = text(staff_client.get("/staff/report?year=2026&half=1", headers={"Accept-Language": "ar"}))
    assert 'dir="rtl"' in html and "التقرير نصف السنوي" in html
    assert rows(html, "booking-langs-h") == [("العربية", "3"), ("التركية", "1")]


def test_markdown_download(staff_client, counted) -> None:
    response = staff_client.get("/staff/report.md?year=2026&half=1")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    assert response.headers["Content-Disposition"] == 'attachment; filename="kita-wegweiser-bericht-2026-1.md"'
    markdown = text(response)
    assert markdown.startswith("# Kita-Wegweiser: Halbjahresbericht 01.01.2026 – 30.06.2026")
    assert "Gebuchte Beratungstermine: 4, abgesagt: 1, nicht wahrgenommen: 1" in markdown
    assert "| Städt. Kita Lövenich | 3 |" in markdown and "| Familienzentrum Gerderath | 1 |" in markdown
    assert "| Geld | 4 |" in markdown and "| Kindergeld | 4 |" in markdown and "| Arabisch | 3 |" in markdown
    assert "loevenich" not in markdown and "| money" not in markdown


def test_staff_actions_show_up_in_the_report(staff_client, staff_world) -> None:
    future = add_booking(staff_world, at(2))
    missed = add_booking(staff_world, at(-1), code="MIS234", cancel_token="m" * 32, lang="ar")
    staff_client.post(f"/staff/bookings/{future}/cancel")
    staff_client.post(f"/staff/bookings/{missed}/no-show")
    staff_client.get("/staff/bookings")  # shows (and so clears) the confirmations, which name the codes
    counters.flush()
    today = datetime.now(BERLIN)
    html = text(staff_client.get(f"/staff/report?year={today.year}&half={1 if today.month <= 6 else 2}"))
    assert ("Abgesagte Gespräche", "1") in rows(html, "totals-h")
    assert ("Familien nicht gekommen", "1") in rows(html, "totals-h")
    assert ("Städt. Kita Lövenich", "0", "1", "1") in rows(html, "kitas-h")
    assert "Ayşe" not in html and "0151" not in html and "K7M" not in html  # anonymous figures only


@pytest.mark.parametrize(("query", "expected"), [
    ("year=abc&half=1", (None, 1)), ("year=1&half=1", (None, 1)), ("year=99999999999999999999&half=2", (None, 2)),
    ("year=2026&half=3", (2026, None)), ("year=2026&half=%00", (2026, None)),
    ("year=%D9%A2%D9%A0%D9%A2%D9%A6", (None, None)),
    ("year=2026%00&half=1", (None, 1)), ("half=-1", (None, None)), ("year=&half=", (None, None)),
])
def test_odd_periods_fall_back_to_the_default(staff_client, staff_world, query, expected) -> None:
    year, half = (value or default for value, default in zip(expected, last_complete_half(), strict=True))
    response = staff_client.get(f"/staff/report?{query}")
    assert response.status_code == 200
    html = text(response)
    assert f'<option value="{year}" selected>' in html and f'<option value="{half}" selected>' in html
    download = staff_client.get(f"/staff/report.md?{query}")
    assert download.status_code == 200 and f"bericht-{year}-{half}.md" in download.headers["Content-Disposition"]
