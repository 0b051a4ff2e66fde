"""Staff: the audit log for admin — who did what when on which object — with filters and a CSV download."""

from __future__ import annotations

import csv
import io
from datetime import date

from flask import Response, render_template, request
from sqlmodel import col, select

from service.accounts.audit import ACTIONS, entries, record
from service.accounts.models import StaffUser
from service.web.database import db
from service.web.staff import bp
from service.web.staff.auth import ADMIN, current_user, require_role
from service.web.state import settings

PAGE_ROWS = 500
CSV_ROWS = 100_000


def _day(name: str) -> date | None:
    raw = request.args.get(name, "")[:10]
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _filters() -> dict[str, object]:
    """The filters asked for; anything unknown is ignored (never an error)."""
    names = set(db().exec(select(StaffUser.username)).all()) | {"(cli)"}
    username, action = request.args.get("user", ""), request.args.get("action", "")
    return {"username": username if username in names else None,
            "action": action if action in ACTIONS else None,
            "first": _day("from"), "last": _day("until")}


@bp.get("/audit")
@require_role(ADMIN)
def audit():
    """The newest rows matching the filters; `?format=csv` downloads every matching row."""
    session, filters = db(), _filters()
    if request.args.get("format") == "csv":
        rows = entries(session, **filters, limit=CSV_ROWS)  # type: ignore[arg-type]
        record(session, current_user(), "audit.export")
        session.commit()
        return _csv(rows)
    rows = entries(session, **filters, limit=PAGE_ROWS)  # type: ignore[arg-type]
    record(session, current_user(), "audit.view")
    session.commit()
    users = list(session.exec(select(StaffUser.username).order_by(col(StaffUser.username))))
    return render_template("staff/audit.html", rows=rows, users=[*users, "(cli)"], actions=ACTIONS,
                           filters=filters, args=request.args, page_rows=PAGE_ROWS,
                           retention=settings().audit_retention_days)


def _csv(rows: list) -> Response:  # noqa: ANN001
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time_utc", "user", "action", "object", "detail"])
    for row in rows:
        # a leading = + - @ would make a spreadsheet run the cell as a formula
        writer.writerow([row.at.isoformat(timespec="seconds"), *(_cell(v) for v in
                                                                  (row.username, row.action, row.object, row.detail))])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="kita-wegweiser-audit.csv"'
    return response


def _cell(value: str) -> str:
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
