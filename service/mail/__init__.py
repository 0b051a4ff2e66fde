"""Notices by e-mail (and, for bot bookings, by the bot) through an outbox (no Flask, no Telegram).

    notify_booked(session, booking, now)                   in book_slot's transaction: confirmation to an
                                                           e-mail contact, worker_new to the social worker
    notify_cancelled(session, booking, now, by_staff=...)  in the cancel's transaction: cancelled_by_staff to
                                                           the family (bot or e-mail), worker_cancelled
    family_informed(session, booking_id) -> bool           False: the staff page says "not informed — call"
    service.mail.queue: queue_reminders, queue_digests     due reminders (one "reminded" mark per booking,
                                                           shared with the bot) and the 07:00 digest
    service.mail.deliver: send_email(engine, settings, now) the sender (`flask mail send`, the bot's job);
                          take_due / settle                 the bot delivers the rows of channel "telegram"
    purge_outbox(session, now, retention_days)             rows go with their booking's retention

Unique keys (kind + booking id, or kind + worker id + day) keep two senders or two runs from queueing twice;
a claimed row has a lease, so two senders never send it at the same time. Delivery is at least once with a
stable Message-ID. Sent rows keep no address and no link.
"""

from service.mail.models import OutboxMessage
from service.mail.notify import family_informed, notify_booked, notify_cancelled, purge_outbox

__all__ = ["OutboxMessage", "family_informed", "notify_booked", "notify_cancelled", "purge_outbox"]
