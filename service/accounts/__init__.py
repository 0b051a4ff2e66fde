"""Staff accounts for the small staff area: argon2-hashed passwords, no other personal data."""
