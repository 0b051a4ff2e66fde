"""Keep phone numbers and German terms in order inside right-to-left text.

In Arabic or Persian text, "0800 111 0 550" would be shown as "550 0 111 0800": the spaces between the digit
groups take the paragraph's right-to-left direction. Likewise a German term in brackets, "(Bildungs- und
Teilhabepaket، BuT)", gets its brackets paired and its words reordered across a line break. Wrapping such a run
in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE (Unicode Bidirectional Algorithm, UAX #9) keeps it as
written, on the web and in messengers.
"""

from __future__ import annotations

import re

LRI = "\u2066"
PDI = "\u2069"
_SPACED_NUMBER = re.compile(r"(?<![\w\u2066])\+?\d+(?:[ \u00a0/\-]\d+)+(?![\w\u2069])")
# A bracketed group that starts with a Latin letter or § (a German term, a law), not already isolated.
_LATIN_GROUP = re.compile(r"(?<!\u2066)\((?=\s*[A-Za-zÀ-ÿ§])[^()\u2066\u2069]*\)")


def isolate_numbers(text: str) -> str:
    """Wrap every spaced digit run (a phone number like '116 016') in an LTR isolate; idempotent."""
    return _SPACED_NUMBER.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate_ltr(text: str) -> str:
    """Isolate bracketed Latin groups and spaced numbers for right-to-left display; idempotent."""
    text = _LATIN_GROUP.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)
    pieces = re.split(f"({LRI}[^{PDI}]*{PDI})", text)
    return "".join(piece if index % 2 else isolate_numbers(piece) for index, piece in enumerate(pieces))


def strip_isolates(text: str) -> str:
    """Remove the isolates again (for search or plain-text comparisons)."""
    return text.replace(LRI, "").replace(PDI, "")
