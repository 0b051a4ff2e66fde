"""The finder's rules in the database: one row, loaded and exported with the rest of the directory."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from service.directory.models import timestamp


class FinderRules(SQLModel, table=True):
    """directory_data/finder.yaml as validated JSON (the live copy the finder reads)."""

    __tablename__ = "finder_rules"

    id: int = Field(default=1, primary_key=True)
    as_of: dt.date
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime = timestamp()
