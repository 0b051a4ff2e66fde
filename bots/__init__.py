"""Messenger front ends over the core (Telegram today)."""
