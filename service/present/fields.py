"""Booking fields for the reader: their limits and what to say when the core refuses one, in every language.

The rules themselves live in the core (service.booking.parents: check_first_name, check_phone, and clean_parent
behind book_slot); web form, API and bot show the core's (field, code) through `field_message`.
"""

from __future__ import annotations

from service.booking.parents import CONTACT_MAX, NAME_MAX, NOTE_MAX
from service.i18n import N_, translator

__all__ = ["CONTACT_MAX", "NAME_MAX", "NOTE_MAX", "field_message"]

# (field, code) -> message; %(count)s is the field's limit
FIELD_MESSAGES = {
    ("slot_id", "invalid"): N_("Please choose one of the free times."),
    ("slot_id", "unavailable"): N_("Please choose one of the free times."),
    ("slot_id", "too_soon"): N_("This time is too soon. Please choose a later one."),
    ("first_name", "required"): N_("Please enter your first name or a nickname."),
    ("first_name", "too_long"): N_("Please use at most %(count)s characters."),
    ("first_name", "invalid"): N_("Please enter a name with letters."),
    ("contact", "required"): N_("Please enter a phone number or an e-mail address."),
    ("contact", "invalid"): N_("This is not a phone number or e-mail address we can use."),
    ("contact", "too_long"): N_("This is not a phone number or e-mail address we can use."),
    ("contact", "limit"): N_("You already have two booked talks. Please cancel one of them first."),
    ("lang", "invalid"): N_("Please choose a language."),
    ("interpreter", "invalid"): N_("Please answer yes or no."),
    ("topic", "unknown"): N_("Please choose a topic from the list."),
    ("note", "too_long"): N_("Please use at most %(count)s characters."),
    ("note", "invalid"): N_("Please write the note without special control characters."),
    ("consent", "required"): N_("Please agree to the data protection notice so that we can book the talk."),
}
LIMITS = {"first_name": NAME_MAX, "contact": CONTACT_MAX, "note": NOTE_MAX}
OTHER = N_("Please check this field.")


def field_message(field: str, code: str, lang: str) -> str:
    """What to tell the parent about one refused field, in `lang`."""
    message = FIELD_MESSAGES.get((field, code), OTHER)
    _ = translator(lang)
    return _(message, count=LIMITS[field]) if "%(count)s" in message else _(message)
