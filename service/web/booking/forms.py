"""The booking form (flask-wtf for CSRF and field rendering; rules in the core, messages in service.present.fields)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField

from service.i18n import LANGUAGES
from service.present.fields import CONTACT_MAX, NAME_MAX, NOTE_MAX, field_message

FORM_FIELDS = {"slot_id": "slot", "first_name": "first_name", "contact": "contact", "lang": "lang",
               "interpreter": "interpreter", "topic": "topic", "note": "note", "consent": "consent"}


class BookingForm(FlaskForm):
    """What a parent fills in; every check happens in service.booking (one set of rules for web, API and bot)."""

    key = HiddenField()  # idempotency key, one per form shown (service.booking.book_slot)
    slot = RadioField(_l("Time"), choices=[], validate_choice=False)
    first_name = StringField(_l("Your first name (or a nickname)"), render_kw={"maxlength": NAME_MAX,
                                                                              "autocomplete": "given-name"})
    contact = StringField(_l("Phone number or e-mail address"), render_kw={"maxlength": CONTACT_MAX,
                                                                          "autocomplete": "tel", "dir": "ltr"})
    lang = SelectField(_l("Language for the talk"), validate_choice=False, choices=[
        SelectChoice(x.code, x.native_name, render_kw={"lang": x.code, "dir": x.direction}) for x in LANGUAGES])
    interpreter = BooleanField(_l("I would like an interpreter"))
    topic = SelectField(_l("Topic (optional)"), choices=[], validate_choice=False)
    note = TextAreaField(_l("Note (optional)"), render_kw={"maxlength": NOTE_MAX, "rows": 3})
    consent = BooleanField(_l("I agree that my details are stored for this appointment."))

    def show_errors(self, fields: dict[str, str], lang: str) -> None:
        """Put the core's field codes on the form as messages in the page's language."""
        for name, code in fields.items():
            field = getattr(self, FORM_FIELDS.get(name, ""), None)
            if field is not None:
                field.errors = [*list(field.errors or []), field_message(name, code, lang)]


class CancelForm(FlaskForm):
    """The cancel button: a POST with a CSRF token, so that no link preview can cancel."""
