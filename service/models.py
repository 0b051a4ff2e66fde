"""Import every table module so that SQLModel.metadata knows the whole schema (Alembic, tests)."""

from sqlmodel import SQLModel

import service.accounts.models  # noqa: F401
import service.booking.models  # noqa: F401
import service.chats.models  # noqa: F401
import service.curation.models  # noqa: F401
import service.directory.models  # noqa: F401
import service.finder.models  # noqa: F401
import service.mail.models  # noqa: F401
import service.reports.counters  # noqa: F401

metadata = SQLModel.metadata
