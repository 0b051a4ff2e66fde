"""The booking form (flask-wtf for CSRF and field rendering; the rules live in the core) and its messages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, SelectField, StringField, TextAreaField

from service.booking.parents import NAME_MAX, NOTE_MAX
from service.i18n import LANGUAGES

# (field, code) -> message; the core names the field and the code, the page says it in the user's language
FIELD_MESSAGES = {
    ("slot_id", "invalid"): _l("Please choose one of the free times."),
    ("slot_id", "unavailable"): _l("Please choose one of the free times."),
    ("slot_id", "too_soon"): _l("This time is too soon. Please choose a later one."),
    ("first_name", "required"): _l("Please enter your first name or a nickname."),
    ("first_name", "too_long"): _l("Please use at most %(count)s characters.", count=NAME_MAX),
    ("first_name", "invalid"): _l("Please enter a name with letters."),
    ("contact", "required"): _l("Please enter a phone number or an e-mail address."),
    ("contact", "invalid"): _l("This is not a phone number or e-mail address we can use."),
    ("contact", "too_long"): _l("This is not a phone number or e-mail address we can use."),
    ("contact", "limit"): _l("You already have two booked talks. Please cancel one of them first."),
    ("lang", "invalid"): _l("Please choose a language."),
    ("interpreter", "invalid"): _l("Please answer yes or no."),
    ("topic", "unknown"): _l("Please choose a topic from the list."),
    ("note", "too_long"): _l("Please use at most %(count)s characters.", count=NOTE_MAX),
    ("note", "invalid"): _l("Please write the note without special control characters."),
    ("consent", "required"): _l("Please agree to the data protection notice so that we can book the talk."),
}
FORM_FIELDS = {"slot_id": "slot", "first_name": "first_name", "contact": "contact", "lang": "lang",
               "interpreter": "interpreter", "topic": "topic", "note": "note", "consent": "consent"}


class BookingForm(FlaskForm):
    """What a parent fills in; every check happens in service.booking (one set of rules for web, API and bot)."""

    slot = RadioField(_l("Time"), choices=[], validate_choice=False)
    first_name = StringField(_l("Your first name (or a nickname)"), render_kw={"maxlength": NAME_MAX,
                                                                              "autocomplete": "given-name"})
    contact = StringField(_l("Phone number or e-mail address"), render_kw={"maxlength": 120,
                                                                          "autocomplete": "tel", "dir": "ltr"})
    lang = SelectField(_l("Language for the talk"), validate_choice=False, choices=[
        SelectChoice(x.code, x.native_name, render_kw={"lang": x.code, "dir": x.direction}) for x in LANGUAGES])
    interpreter = BooleanField(_l("I would like an interpreter"))
    topic = SelectField(_l("Topic (optional)"), choices=[], validate_choice=False)
    note = TextAreaField(_l("Note (optional)"), render_kw={"maxlength": NOTE_MAX, "rows": 3})
    consent = BooleanField(_l("I agree that my details are stored for this appointment."))

    def show_errors(self, fields: dict[str, str]) -> None:
        """Put the core's field codes on the form as messages in the page's language."""
        for name, code in fields.items():
            field = getattr(self, FORM_FIELDS.get(name, ""), None)
            message = FIELD_MESSAGES.get((name, code), _l("Please check this field."))
            if field is not None:
                field.errors = [*list(field.errors or []), str(message)]


class CancelForm(FlaskForm):
    """The cancel button: a POST with a CSRF token, so that no link preview can cancel."""
