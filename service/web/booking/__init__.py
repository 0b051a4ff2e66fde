"""Booking pages (/<lang>/kitas/<kita>/book, /<lang>/booking/<token>), the staff's iCal feed and `flask booking`."""

from flask import Blueprint

bp = Blueprint("booking", __name__, cli_group="booking")

from service.web.booking import cli, find, routes  # noqa: E402,F401
