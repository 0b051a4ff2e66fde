"""The staff area says when e-mail is switched off, and stops saying it once SMTP_URL is set."""

from __future__ import annotations

import pytest

from service.web import create_app
from tests.web.conftest import log_in

OFF = "E-Mail-Benachrichtigungen sind ausgeschaltet"


@pytest.mark.parametrize(("smtp_url", "shown"), [(None, True), ("smtp://127.0.0.1:2525", False)])
def test_the_staff_pages_say_whether_e_mail_is_on(settings, loaded, make_staff, smtp_url, shown) -> None:
    app = create_app(settings.replace(smtp_url=smtp_url))
    try:
        client = app.test_client()
        log_in(client, app, make_staff("leitung"))
        page = client.get("/staff/bookings", headers={"Accept-Language": "de"}).get_data(as_text=True)
        assert (OFF in page) is shown
    finally:
        app.extensions["wegweiser"].engine.dispose()
