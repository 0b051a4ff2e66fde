"""Telegram HTML text: escaping, right-to-left safety, and splitting under the message limit."""

from __future__ import annotations

import html
import re

from service.i18n import language

MAX_MESSAGE = 4096  # Telegram's limit for a text message, in UTF-16 code units
LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"

# Digit runs with separators ("0800 4 5555 30", "08:00–12:00", "+49 2431 85-0"): an RTL paragraph would
# reorder their groups, so they are isolated as one left-to-right unit.
_NUMBERISH = re.compile(r"[+(]?\d[\d /().:,\-–‑\u00a0]*\d\)?")
_ISOLATED = re.compile(r"(\u2066[^\u2069]*\u2069)")
_TOKENS = re.compile(r"(<[^>]*>|&#?\w+;|\n|[ \t]+)")
_OPEN_TAG = re.compile(r"<([a-z\-]+)(\s[^>]*)?>")
_CLOSE_TAG = re.compile(r"</([a-z\-]+)>")


def esc(text: str) -> str:
    """Escape text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape a value for an HTML attribute (href)."""
    return html.escape(text, quote=True)


def is_rtl(lang: str) -> bool:
    return language(lang).rtl


def ltr(text: str, lang: str) -> str:
    """Keep a left-to-right item (phone, amount, date, URL) whole inside right-to-left text."""
    return f"{LRI}{text}{PDI}" if is_rtl(lang) and text else text


def bidi(text: str, lang: str) -> str:
    """Plain text made safe for right-to-left display: number runs isolated (no-op for LTR languages)."""
    if not is_rtl(lang) or not text:
        return text
    pieces = _ISOLATED.split(text)  # odd pieces are isolated already: leave them alone (idempotent)
    return "".join(
        piece if index % 2 else _NUMBERISH.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", piece)
        for index, piece in enumerate(pieces)
    )


def plain(text: str, lang: str) -> str:
    """Plain text to HTML: bidi-safe, then escaped."""
    return esc(bidi(text, lang))


def direct(message: str, lang: str) -> str:
    """Start every line with a right-to-left mark in RTL languages, so a line opening with a Latin word
    (a German term in brackets, a name) still reads right to left."""
    if not is_rtl(lang):
        return message
    return "\n".join(RLM + line if line and not line.startswith(RLM) else line for line in message.split("\n"))


def utf16_len(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def split_html(message: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split an HTML message into parts under `limit`: at paragraphs, else lines, else words; tags stay
    balanced (closed at the end of a part and reopened at the start of the next)."""
    if utf16_len(message) <= limit:
        return [message] if message.strip() else []
    parts: list[str] = []
    current = ""
    for paragraph in message.split("\n\n"):
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
            current = ""
        if utf16_len(paragraph) <= limit:
            current = paragraph
        else:
            pieces = _split_tokens(paragraph, limit)
            parts.extend(pieces[:-1])
            current = pieces[-1]
    if current.strip():
        parts.append(current)
    return parts


def _split_tokens(paragraph: str, limit: int) -> list[str]:
    """Split one long paragraph at whitespace, keeping tags balanced across parts."""
    prefix = RLM if paragraph.startswith(RLM) else ""
    parts: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag)
    current = ""

    def closing() -> str:
        return "".join(f"</{name}>" for name, _ in reversed(stack))

    def reopening() -> str:
        return prefix + "".join(tag for _, tag in stack)

    for token in _expand(_TOKENS.split(paragraph), limit // 2):
        if not token:
            continue
        if current and utf16_len(current + token + closing()) + len(stack) * 16 > limit and not token.isspace():
            parts.append(current.rstrip() + closing())
            current = reopening()
        if token.startswith("</") and _CLOSE_TAG.fullmatch(token):
            if stack:
                stack.pop()
        elif token.startswith("<") and (opened := _OPEN_TAG.fullmatch(token)):
            stack.append((opened.group(1), token))
        current += token
    parts.append(current)
    return [part for part in parts if part.strip(RLM + " \n")]


def _expand(tokens: list[str], size: int) -> list[str]:
    """Cut text tokens longer than `size` (one giant word) so that every token fits."""
    result: list[str] = []
    for token in tokens:
        if len(token) > size and not token.startswith("<") and not token.startswith("&"):
            result.extend(token[i : i + size] for i in range(0, len(token), size))
        else:
            result.append(token)
    return result
