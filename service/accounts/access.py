"""Who may see and do what in the staff area: the one place that checks roles and object owners.

    visible_worker_ids(session, user, today=None) -> set[int] | None
        The social workers whose bookings, absences, and hours the user may see and act on:
        None for admin (all of them), her own record plus colleagues she stands in for (until the stand-in's
        day) for a social worker, the empty set for an editor.
    can_act_on_worker(session, user, social_worker_id) -> bool
    can_act_on(session, user, booking) -> bool       the booking's social worker is visible to the user
    can_manage_feed(user, social_worker_id) -> bool  the calendar address: her own, or admin
    may_edit_language(user, lang) -> bool           content: admin and social workers all languages, editors
                                                    the languages on their account (never German)
    has_role(user, *roles) -> bool
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from service.accounts.models import ADMIN, EDITOR, SOCIAL_WORKER, StaffUser, StandIn
from service.booking.models import Booking
from service.clock import berlin_today

SOURCE_LANG = "de"


def has_role(user: StaffUser | None, *roles: str) -> bool:
    """The user is active and has one of the roles."""
    return user is not None and user.active and user.role in roles


def visible_worker_ids(session: Session, user: StaffUser | None, today: date | None = None) -> set[int] | None:
    """None = every social worker (admin); else the ids of the social workers this user may act for."""
    if has_role(user, ADMIN):
        return None
    if not has_role(user, SOCIAL_WORKER) or user is None or user.social_worker_id is None:
        return set()
    today = today or berlin_today()
    colleagues = session.exec(select(StandIn.for_social_worker_id).where(
        StandIn.social_worker_id == user.social_worker_id, StandIn.until >= today)).all()
    return {user.social_worker_id, *colleagues}


def can_act_on_worker(session: Session, user: StaffUser | None, social_worker_id: int | None) -> bool:
    """The user may see and act on this social worker's bookings, absences, hours and calendar address."""
    visible = visible_worker_ids(session, user)
    return visible is None or social_worker_id in visible if has_role(user, ADMIN, SOCIAL_WORKER) else False


def can_act_on(session: Session, user: StaffUser | None, booking: Booking) -> bool:
    """The user may see and act on this booking."""
    return can_act_on_worker(session, user, booking.social_worker_id)


def may_edit_language(user: StaffUser | None, lang: str) -> bool:
    """Content texts in `lang`: admin and social workers all; editors their languages, never German."""
    if has_role(user, ADMIN, SOCIAL_WORKER):
        return True
    return has_role(user, EDITOR) and user is not None and lang != SOURCE_LANG and lang in user.languages


def may_edit_facts(user: StaffUser | None) -> bool:
    """Language-neutral facts (amounts, phones, sources) and German texts: social workers and admin."""
    return has_role(user, ADMIN, SOCIAL_WORKER)


def can_manage_feed(user: StaffUser | None, social_worker_id: int | None) -> bool:
    """The private calendar address: only its social worker (not a stand-in) and admin see and renew it."""
    if has_role(user, ADMIN):
        return True
    return has_role(user, SOCIAL_WORKER) and user is not None and user.social_worker_id == social_worker_id
