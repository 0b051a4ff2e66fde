"""The directory: entries, their translations, topics, kitas and social workers."""
