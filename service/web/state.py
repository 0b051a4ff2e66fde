"""What the web app holds per process: settings and the engine."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy.engine import Engine

from service.config import Settings


@dataclass
class WebState:
    settings: Settings
    engine: Engine


def state(app: Flask | None = None) -> WebState:
    """The WebState of the current (or given) app."""
    return (app or current_app).extensions["wegweiser"]


def settings() -> Settings:
    return state().settings
