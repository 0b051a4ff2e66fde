"""Booking a talk with the kita social worker: schedules -> free slots -> bookings (no Flask, no Telegram).

Interface for the web, the API and the bot (every function takes an explicit session; the caller commits):

    free_slots(session, kita_slug: str, start: date, days: int, *, now=None) -> list[Slot]
        Slot: id (opaque str, at most 24 characters of [0-9_], safe in callback data and deep links),
        start/end aware in Europe/Berlin (compare or subtract via UTC: Python ignores offsets within one tzinfo),
        kita_slug, social_worker_slug, social_worker_name.
        Raises NotFound (kita), InvalidInput({"days": ...}) unless 1 <= days <= 62.
    next_free_slots(session, kita_slug, after: datetime, limit=3, *, now=None) -> list[Slot]
        "Just taken, here are the next ones".
    book_slot(session, slot_id: str, parent: ParentDetails, *, now=None, counters=True, idempotency_key=None)
        -> Booking; the same idempotency_key again returns the booking it made (booking_by_key) instead of booking
        ParentDetails(first_name, contact, lang, interpreter=False, topic=None, note=None, consent=False,
        chat_id=None); contact is a phone number or e-mail address, or None with chat_id for bot bookings.
        Raises InvalidInput(fields) with codes: slot_id invalid|too_soon|unavailable, first_name
        required|too_long|invalid, contact required|invalid|too_long|limit (2 future bookings per contact or
        chat, checked before the insert; only the slot itself is guarded by the database),
        lang invalid, interpreter invalid, topic unknown, note invalid|too_long, consent required;
        SlotTaken when somebody else was faster; NotFound for an unknown social worker or kita in the id.
    client_key(key, contact) -> str: the idempotency_key for an API client's own key (Idempotency-Key, valid when
        is_idempotency_key(key)), bound to the contact: the same key with another contact books anew.
    get_booking(session, cancel_token) -> Booking            NotFound when unknown or erased
    cancel_booking(session, cancel_token, *, now=None) -> Booking
        Idempotent; Conflict when the appointment has begun or passed.
    bookings_for_chat(session, chat_id, *, now=None) -> list[Booking]   future, active, soonest first
    find_for_parent(session, code, contact) -> Booking   NotFound alike for every mismatch (the web's "find my booking")
    chat_booking(session, chat_id, booking_id) -> Booking      NotFound unless a future talk booked in this chat
    cancel_chat_booking(session, chat_id, booking_id, *, counters=True) -> Booking   the same check, then cancel
    due_reminders(session, now) -> list[Booking]; mark_reminded(session, booking, *, now=None) -> bool
        Bot bookings starting within 24 h that were made at least 24 h ahead; mark_reminded is False when
        another process marked it first (then do not send).
    forget_chat(session, chat_id) -> int        /delete: the chat id is removed from every booking
    purge_expired(session, now, retention_days) -> int   erase personal fields after the appointment
    Staff: cancel_by_staff, mark_held, mark_no_show, block_time, rebook, find_by_code, bookings_between,
    list_bookings (all kitas/workers, every status, as BookingViews), future_blocks, remove_block, renew_feed_token.
    Calendar (service.booking.calendar): booking_ics(view, ...) for the parent, worker_feed(session, token).

Booking fields the front ends show: code (read out with format_code), start, end (aware UTC: show them with
.astimezone(BERLIN) or BookingView.start), status (booked, cancelled, held, no_show), kita_id,
social_worker_id, first_name, lang, interpreter, topic (an entry slug), note, chat_id.
booking_view(session, booking) -> BookingView(booking, kita, social_worker) gives the names.
"""

from service.booking.models import BOOKED, CANCELLED, HELD, NO_SHOW, Booking, KitaClosure, Schedule, ScheduleException
from service.booking.operations import (
    MAX_FUTURE_PER_CONTACT,
    book_slot,
    booking_by_key,
    bookings_for_chat,
    cancel_booking,
    cancel_chat_booking,
    chat_booking,
    client_key,
    due_reminders,
    find_by_code,
    find_for_parent,
    forget_chat,
    format_code,
    get_booking,
    is_idempotency_key,
    mark_reminded,
    purge_expired,
    rebook,
)
from service.booking.parents import ParentDetails
from service.booking.slots import BERLIN, MIN_NOTICE, Slot, free_slots, next_free_slots
from service.booking.staff import (
    BlockView,
    BookingView,
    block_time,
    booking_view,
    bookings_between,
    cancel_by_staff,
    future_blocks,
    list_bookings,
    mark_held,
    mark_no_show,
    remove_block,
    renew_feed_token,
)

__all__ = [
    "BERLIN", "BOOKED", "CANCELLED", "HELD", "MAX_FUTURE_PER_CONTACT", "MIN_NOTICE", "NO_SHOW", "BlockView", "Booking",
    "BookingView", "booking_by_key", "client_key", "is_idempotency_key",
    "KitaClosure", "ParentDetails", "Schedule", "ScheduleException", "Slot", "block_time", "book_slot",
    "booking_view", "bookings_between", "bookings_for_chat", "cancel_booking", "cancel_by_staff",
    "cancel_chat_booking", "chat_booking", "due_reminders",
    "find_by_code", "find_for_parent", "forget_chat", "format_code", "free_slots", "future_blocks", "get_booking",
    "list_bookings",
    "mark_held", "mark_no_show", "mark_reminded", "next_free_slots", "purge_expired", "rebook", "remove_block",
    "renew_feed_token",
]
