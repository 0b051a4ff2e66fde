"""Normalisation per script, transliteration to a Latin key and the Kölner Phonetik, for the search index."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Letter variants folded before marks are stripped (marks themselves go by Unicode category).
_LETTERS = {
    "ı": "i",  # Turkish dotless i (İ becomes i + combining dot, which is stripped)
    "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ħ": "h", "ŀ": "l",
    "ة": "ه", "ۀ": "ه", "ى": "ي", "ی": "ي", "ې": "ي", "ک": "ك", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ё": "е", "є": "е", "э": "е", "і": "и", "ї": "и", "ы": "и", "й": "и", "ґ": "г", "ў": "у",
    "ъ": "", "ь": "",
    "ـ": "",  # tatweel
    "\u200c": "", "\u200d": "", "\u200e": "", "\u200f": "", "\u00ad": "", "\ufeff": "",
    "'": "", "’": "", "ʼ": "", "`": "", "´": "", "‘": "",
}
for _digits in ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"):
    _LETTERS.update({d: str(i) for i, d in enumerate(_digits)})
_TABLE = str.maketrans(_LETTERS)
_NON_WORD = re.compile(r"[\W_]+")
_MARKS = {"Mn", "Me", "Cf"}
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "xi": "11", "xii": "12"}


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) not in _MARKS)


def fold(text: str) -> str:
    """Case-fold, drop diacritics and letter variants of every script; words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    text = _strip_marks(text).translate(_TABLE)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _strip_marks(text).translate(_TABLE)
    return " ".join(_NON_WORD.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    """The folded words of a text; Roman numerals of legal references become digits (SGB II = SGB 2)."""
    return [_ROMAN.get(word, word) for word in fold(text).split()]


def script(token: str) -> str:
    """'latin', 'cyrillic', 'arabic' or 'other': the script of a folded token's first letter."""
    for ch in token:
        if ch.isdigit():
            continue
        code = ord(ch)
        if code < 0x250:
            return "latin"
        if 0x400 <= code < 0x530:
            return "cyrillic"
        if 0x600 <= code < 0x700 or 0x750 <= code < 0x780 or 0xFB50 <= code < 0xFE00:
            return "arabic"
        return "other"
    return "latin"


# German-minded transliteration: German words written in Arabic or Cyrillic letters come back close to German.
_ARABIC = {
    "ا": "a", "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "tsch", "ح": "h", "خ": "ch", "د": "d",
    "ذ": "z", "ر": "r", "ز": "z", "ژ": "j", "س": "s", "ش": "sch", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "g", "ف": "f", "ڤ": "w", "ق": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
    "ه": "e", "و": "u", "ي": "i", "ء": "",
}
_CYRILLIC = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ж": "sch", "з": "s", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja",
}
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)|^(ae|oe|ue)")
_ASCII_WORD = re.compile(r"[^a-z0-9]+")


def _arabic_key(token: str) -> str:
    out = []
    for position, ch in enumerate(token):
        if ch == "و" and position == 0:
            out.append("w")
        elif ch == "ي" and position == 0:
            out.append("j")
        elif ch == "ه" and position < len(token) - 1:
            out.append("h")
        else:
            out.append(_ARABIC.get(ch, ch))
    return "".join(out)


def _ascii(text: str) -> str:
    text = anyascii(text).lower()
    return _ASCII_WORD.sub("", _DIGRAPHS.sub(lambda m: (m.group(1) or m.group(2))[0], text))


@lru_cache(maxsize=65536)
def latin_keys(token: str) -> tuple[str, ...]:
    """Latin spellings of a folded token (German-minded first; Cyrillic also the English-minded anyascii)."""
    kind = script(token)
    if kind == "arabic":
        keys = [_ascii(_arabic_key(token))]
    elif kind == "cyrillic":
        keys = [_ascii("".join(_CYRILLIC.get(ch, ch) for ch in token)), _ascii(token)]
    else:
        keys = [_ascii(token)]
    return tuple(dict.fromkeys(key for key in keys if key))


_KP_GROUPS = {**dict.fromkeys("aeijouy", "0"), "b": "1", **dict.fromkeys("fvw", "3"), **dict.fromkeys("gkq", "4"),
              "l": "5", **dict.fromkeys("mn", "6"), "r": "7", **dict.fromkeys("sz", "8")}


def _kp_code(word: str, i: int) -> str:
    ch = word[i]
    prev = word[i - 1] if i else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    if ch in _KP_GROUPS:
        return _KP_GROUPS[ch]
    if ch == "h":
        return ""
    if ch == "p":
        return "3" if nxt == "h" else "1"
    if ch in "dt":
        return "8" if nxt in ("c", "s", "z") else "2"
    if ch == "x":
        return "8" if prev in ("c", "k", "q") else "48"
    if ch == "c":
        if i == 0:
            return "4" if nxt in "ahkloqrux" else "8"
        if prev in ("s", "z"):
            return "8"
        return "4" if nxt in "ahkoqux" else "8"
    return ""  # digits and anything else carry no sound


def phonetic(key: str) -> str:
    """Kölner Phonetik of an ASCII key ('' when it has no sounds)."""
    word = "".join(ch for ch in key if "a" <= ch <= "z")
    codes = "".join(_kp_code(word, i) for i in range(len(word)))
    collapsed = [c for i, c in enumerate(codes) if i == 0 or c != codes[i - 1]]
    return "".join(c for i, c in enumerate(collapsed) if c != "0" or i == 0)


_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "مي", "ن")
_AR_SUFFIXES = tuple(sorted(("هاي", "هايي", "هاش", "هام", "ها", "ان", "ات", "ون", "ين", "يه", "كم", "هم", "نا",
                             "ام", "اش", "ه", "ي", "ك", "م"), key=len, reverse=True))


def light_stem(token: str) -> str:
    """An Arabic-script word without one common prefix (al-, wa-, bi-, li-, Persian mi-) and one suffix."""
    stem = token
    for prefix in _AR_PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
            stem = stem[len(prefix):]
            break
    for suffix in _AR_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
            return stem[: -len(suffix)]
    return stem
