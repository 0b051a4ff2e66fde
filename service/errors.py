"""One error hierarchy for the core; the web and the bot map it to answers in the user's language."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"

    def __init__(self, message: str = "", **params: object) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.params = params


class NotFound(ServiceError):
    """Something asked for does not exist."""

    code = "not_found"


class Conflict(ServiceError):
    """The request clashes with the current state."""

    code = "conflict"


class SlotTaken(Conflict):
    """Somebody else booked this slot first."""

    code = "slot_taken"


class InvalidInput(ServiceError):
    """One or more input fields are wrong; `fields` maps field name to an error code."""

    code = "invalid"

    def __init__(self, fields: dict[str, str], message: str = "") -> None:
        super().__init__(message or "invalid input")
        self.fields = dict(fields)


class RateLimited(ServiceError):
    """Too many requests from one client."""

    code = "rate_limited"
