"""Staff forms (flask-wtf for CSRF; messages from our own catalog) and the names of statuses and reasons."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.widgets import DateInput, TimeInput

from service.booking import BERLIN
from service.booking.models import EXCEPTION_REASONS

STATUS_NAMES = {"booked": _l("Booked"), "cancelled": _l("Cancelled"), "held": _l("Held"),
                "no_show": _l("Did not come")}
REASON_NAMES = {"vacation": _l("Vacation"), "sickness": _l("Sickness"), "training": _l("Training"),
                "blocked": _l("Blocked time")}
BAD_DATE = _l("Please enter a date, for example 24.12.2026.")
BAD_TIME = _l("Please enter a time, for example 14:30.")
NOT_IN_LIST = _l("Please choose from the list.")
MAX_DAYS_AHEAD = 3 * 366
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")  # what <input type="date"> sends
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")  # typed where a browser shows a text field
_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)(:[0-5]\d)?")


class StaffForm(FlaskForm):
    """A form whose fields can take messages from the core's InvalidInput after validation."""

    def add_error(self, field: str, message: str) -> None:
        target = getattr(self, field)
        target.errors = [*list(target.errors or []), message]


class BlockForm(StaffForm):
    """Block time for a social worker: whole days when the times are left empty."""

    social_worker = SelectField(_l("Social worker"), choices=[], validate_choice=False)
    kita = SelectField(_l("Where"), choices=[], validate_choice=False)
    reason = SelectField(_l("Reason"), validate_choice=False,
                         choices=[SelectChoice(key, REASON_NAMES[key]) for key in EXCEPTION_REASONS])
    first_day = StringField(_l("From (day)"), widget=DateInput())
    first_time = StringField(_l("From (time, optional)"), widget=TimeInput())
    last_day = StringField(_l("Until (day)"), widget=DateInput())
    last_time = StringField(_l("Until (time, optional)"), widget=TimeInput())

    def span(self) -> tuple[datetime, datetime] | None:
        """Start and end in Berlin time, or None with messages on the fields."""
        for field in (self.social_worker, self.kita, self.reason):
            if field.data not in {choice.value for choice in field.choices}:
                field.errors = [str(NOT_IN_LIST)]
        first, last = _day(self.first_day), _day(self.last_day)
        opens, closes = _time(self.first_time), _time(self.last_time)
        if any(field.errors for field in self):
            return None
        start = datetime.combine(first, opens or time(0), tzinfo=BERLIN)
        end = datetime.combine(last, closes, tzinfo=BERLIN) if closes else \
            datetime.combine(last + timedelta(days=1), time(0), tzinfo=BERLIN)
        return start, end

    def choices(self, workers: list[tuple[str, str]], kitas: list[tuple[str, str]]) -> None:
        """Fill the lists: (slug, name) of the social workers and the kitas."""
        self.social_worker.choices = [SelectChoice(slug, name) for slug, name in workers]
        self.kita.choices = [SelectChoice("", _l("At every kita"))] + [SelectChoice(slug, name) for slug, name in kitas]


def _day(field: StringField) -> date | None:
    """The field's date; None (with a message) when missing, malformed or absurdly far away."""
    raw = (field.data or "").strip()
    iso, german = _ISO_DATE.fullmatch(raw), _GERMAN_DATE.fullmatch(raw)
    parts = iso.groups() if iso else german.groups()[::-1] if german else None
    try:
        day = date(*(int(part) for part in parts)) if parts else None
    except ValueError:
        day = None
    if day is None or abs((day - date.today()).days) > MAX_DAYS_AHEAD:
        field.errors = [str(BAD_DATE)]
        return None
    return day


def _time(field: StringField) -> time | None:
    """The field's time; None when left empty, or (with a message) when malformed."""
    raw = (field.data or "").strip()
    if not raw:
        return None
    match = _TIME.fullmatch(raw)
    if not match:
        field.errors = [str(BAD_TIME)]
        return None
    return time(int(match.group(1)), int(match.group(2)))


class HoursForm(StaffForm):
    """A weekly consultation window: who, where, which weekday, from/to, slot length, valid from/until."""

    social_worker = SelectField(_l("Social worker"), choices=[], validate_choice=False)
    kita = SelectField(_l("Kita"), choices=[], validate_choice=False)
    weekday = SelectField(_l("Weekday"), choices=[], validate_choice=False)
    opens = StringField(_l("From (time)"), widget=TimeInput())
    closes = StringField(_l("Until (time)"), widget=TimeInput())
    slot_minutes = SelectField(_l("Length of a talk"), choices=[], validate_choice=False)
    valid_from = StringField(_l("Valid from (day)"), widget=DateInput())
    valid_until = StringField(_l("Valid until (day, optional)"), widget=DateInput())

    def window(self) -> dict | None:
        """The checked values (times, days, numbers), or None with messages on the fields."""
        for field in (self.social_worker, self.kita, self.weekday, self.slot_minutes):
            if field.data not in {choice.value for choice in field.choices}:
                field.errors = [str(NOT_IN_LIST)]
        opens, closes = _time(self.opens), _time(self.closes)
        for field, value in ((self.opens, opens), (self.closes, closes)):
            if value is None and not field.errors:
                field.errors = [str(BAD_TIME)]
        first = _day(self.valid_from)
        last = _day(self.valid_until) if (self.valid_until.data or "").strip() else None
        if any(field.errors for field in self):
            return None
        return {"weekday": int(self.weekday.data), "opens": opens, "closes": closes,
                "slot_minutes": int(self.slot_minutes.data), "valid_from": first, "valid_until": last}


class EndWindowForm(FlaskForm):
    """The last day a weekly window applies."""

    last_day = StringField(_l("Last day"), widget=DateInput())

    def day(self) -> date | None:
        return _day(self.last_day)
