"""Handlers by flow: start and language, browsing, search, booking, own bookings, forgetting, errors."""
