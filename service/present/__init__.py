"""The presentation layer shared by the web and the bot (plain Python: no Flask, no Telegram).

    entries.py  an entry's sections, amounts, deadlines, phones, places, notices, the short card
    formats.py  money, dates, periods, weekdays, opening hours, addresses, tel: links (Babel, per language)
    topics.py   topic names with the German fallback
    times.py    date, time and day labels of talks in Europe/Berlin (BERLIN, utcnow, berlin_today: service.clock)
    links.py    the web's URL layout and the bot's deep links (e_<lang>_<slug>, b_<lang>_<kita>, f_<lang>)
    fields.py   booking field limits and their messages in every language (rules: service.booking.parents)
    cache.py    VersionedCache: one value per key, directory version and Berlin date; keeps its last good value
Language negotiation (web and bot alike) is service.i18n.negotiate / telegram_language.
"""
