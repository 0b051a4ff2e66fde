"""Normalisation per script, transliteration to a Latin key and the Kölner Phonetik, for the search index."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress, repeat

import numpy as np
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
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "xi": "11", "xii": "12"}
_WORD = re.compile(r"[^\W_]+")
_ROMAN_WORD = re.compile("(?<![^ \n])(?:" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + ")(?![^ \n])")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LETTER = re.compile("[" + re.escape("".join(_LETTERS)) + "]")


def _char_class(codes: list[int]) -> str:
    ranges, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        ranges.append(f"\\U{codes[i]:08x}" + (f"-\\U{codes[j]:08x}" if j > i else ""))
        i = j + 1
    return "[" + "".join(ranges) + "]+"


@lru_cache(maxsize=1)
def _mark_codes() -> list[int]:
    """The code points of combining marks and format characters."""
    planes = (*range(0x20000), *range(0xE0000, 0xE1000))  # the only planes with marks or format characters
    return [c for c in planes if unicodedata.category(chr(c)) in ("Mn", "Me", "Cf")]


@lru_cache(maxsize=1)
def _marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Combining marks and format characters (BMP, and the slower astral planes apart)."""
    codes = _mark_codes()
    return re.compile(_char_class([c for c in codes if c < 0x10000])), re.compile(
        _char_class([c for c in codes if c >= 0x10000]))


def fold(text: str) -> str:
    """Case-fold, drop diacritics and letter variants of every script; words separated by single spaces."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(_folded(text))


def _folded(text: str) -> str:
    """The text case-folded, without marks and with letter variants replaced; words are still to be cut out."""
    if text.isascii():
        return text.lower().replace("'", "").replace("`", "")
    basic, astral = _marks()
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    text = basic.sub("", text)
    if _ASTRAL.search(text):
        text = astral.sub("", text)
    return _LETTER.sub(lambda m: _LETTERS[m.group()], text)


def tokens(text: str) -> list[str]:
    """The folded words of a text; Roman numerals of legal references become digits (SGB II = SGB 2)."""
    words = _words(text)
    return [_ROMAN.get(word, word) for word in words] if not _ROMAN.keys().isdisjoint(words) else words


def folded_lines(forms: list[str]) -> list[str]:
    """" ".join(tokens()) of each of many texts without line breaks, in a few passes over all of them together.

    Each text is brought to NFKC on its own (the quick check finds most already in it, where one pass over them all
    would convert every one); then, on the code points of them all, marks are dropped, letter variants replaced and
    the words cut out with numpy."""
    text = "\n".join(forms)
    if text.isascii():
        text = text.lower()
    else:
        text = "\n".join(map(unicodedata.normalize, repeat("NFKC"), forms))
        text = unicodedata.normalize("NFD", text.casefold()).replace("æ", "ae").replace("œ", "oe")
    becomes, word = _code_tables()
    codes = becomes[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")]
    codes = codes[codes != _DROPPED]
    in_word = word[codes]
    # what lies between words, but for line breaks: a run of it becomes one space where words are on both sides
    between = ~in_word
    between &= codes != 10
    edges = np.flatnonzero(np.diff(between, prepend=False, append=False))
    runs, after = edges[0::2], edges[1::2]
    in_word = np.append(in_word, False)  # (before the first code point too, as index -1)
    spaces = runs[in_word[runs - 1] & in_word[after]]
    keep = ~between
    keep[spaces] = True
    codes[spaces] = 32
    lines = codes[keep].tobytes().decode("utf-32-le").split("\n")
    if len(lines) != len(forms):
        raise ValueError("a text with a line break")
    if not _ROMAN.keys().isdisjoint(lines):  # a line that is one Roman numeral
        lines = [_ROMAN.get(line, line) for line in lines]
    spaced = list(compress(range(len(lines)), map(str.__contains__, lines, repeat(" "))))
    text = "\n".join(map(lines.__getitem__, spaced))
    if _ROMAN_WORD.search(text):  # a line of several words, one of them a Roman numeral
        text = _ROMAN_WORD.sub(lambda m: _ROMAN[m.group()], text)
        for i, line in zip(spaced, text.split("\n"), strict=True):
            lines[i] = line
    return lines


_DROPPED = 0x110000  # what folded_lines() drops: marks and format characters, and some letter variants


@lru_cache(maxsize=1)
def _code_tables() -> tuple[np.ndarray, np.ndarray]:
    """For folded_lines(), per code point (and _DROPPED): what it becomes once marks are dropped and letter variants
    replaced (_DROPPED for nothing; æ and œ, which become two letters, are replaced before), and whether it is part
    of a word (as _WORD)."""
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    becomes = np.arange(_DROPPED + 1, dtype="<u4")
    becomes[_mark_codes()] = _DROPPED
    for letter, replacement in _LETTERS.items():
        if len(replacement) < 2:
            becomes[ord(letter)] = ord(replacement) if replacement else _DROPPED
    word = np.zeros(_DROPPED + 1, dtype=bool)
    for found in _WORD.finditer(every):
        word[found.start():found.end()] = True
    return becomes, word


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
_CYRILLIC_EN = {**_CYRILLIC, "в": "v", "ж": "zh", "з": "z", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                "ю": "yu", "я": "ya"}
_TO_GERMAN = {"cyrillic": str.maketrans(_CYRILLIC), "arabic": str.maketrans(_ARABIC)}
_TO_ENGLISH = str.maketrans(_CYRILLIC_EN)
_ARABIC_MEDIAL = str.maketrans({**_ARABIC, "ه": "h"})
_ARABIC_HEAD = {"و": "w", "ي": "j"}
_ARABIC_FIRST = re.compile("(?m)^[" + "".join(_ARABIC_HEAD) + "]")
_ARABIC_FINAL_HE = re.compile("(?m)ه$")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
_NOT_KEY_BYTES = bytes(code for code in range(256) if not (97 <= code <= 122 or 48 <= code <= 57 or code == 10))
_UPPER_BYTES = bytes(range(65, 91))


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits, German ae/oe/ue as a/o/u."""
    if not text.isascii():
        text = anyascii(text).lower()
    text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return text if text.isalnum() else _NOT_ASCII_WORD.sub("", text)


def _ascii_each(texts: list[str]) -> list[str]:
    """_ascii() of many texts without line breaks, in a few passes over all of them together: the bytes of all texts
    (one line each), an e after a, o or u dropped by a numpy mask (all three replacements at once: none of them makes
    or breaks a pair for another), then all but letters, digits and line breaks deleted."""
    others = [i for i, text in enumerate(texts) if not text.isascii()]
    if others:
        texts = list(texts)
        spelled = anyascii("\n".join([texts[i] for i in others])).lower().split("\n")
        if len(spelled) != len(others):
            return [_ascii(text) for text in texts]
        for i, text in zip(others, spelled, strict=True):
            texts[i] = text
    data = "\n".join(texts).encode("ascii")
    if len(data.translate(None, _UPPER_BYTES)) != len(data):  # _ascii() keeps capitals in a word of letters and digits
        return [_ascii(text) for text in texts]
    codes = np.frombuffer(data, dtype=np.uint8)
    keep = np.ones(len(codes), dtype=bool)
    before = codes[:-1]
    keep[1:] = (codes[1:] != 101) | ((before != 97) & (before != 111) & (before != 117))  # ae, oe, ue -> a, o, u
    result = codes[keep].tobytes().translate(None, _NOT_KEY_BYTES).decode("ascii").split("\n")
    return result if len(result) == len(texts) else [_ascii(text) for text in texts]


def _arabic_spelling(token: str) -> str:
    final = _TO_GERMAN["arabic"]  # a final he is a vowel (-e), elsewhere a consonant
    head = _ARABIC_HEAD.get(token[0]) or token[0].translate(_ARABIC_MEDIAL if len(token) > 1 else final)
    return head + token[1:-1].translate(_ARABIC_MEDIAL) + token[1:][-1:].translate(final)


@lru_cache(maxsize=65536)
def latin_keys(token: str) -> tuple[str, ...]:
    """Latin spellings of a folded token (German-minded first; Cyrillic also the English-minded one)."""
    kind = script(token)
    if kind == "arabic":
        keys = [_ascii(_arabic_spelling(token))]
    elif kind == "cyrillic":
        keys = [_ascii(token.translate(_TO_GERMAN["cyrillic"])), _ascii(token.translate(_TO_ENGLISH))]
    else:
        keys = [_ascii(token)]
    return tuple(dict.fromkeys(key for key in keys if key))


def scripts_of_each(tokens: list[str]) -> list[str]:
    """script() of each token (an ASCII token is Latin)."""
    return ["latin" if token.isascii() else script(token) for token in tokens]


def latin_keys_of_each(tokens: list[str], kinds: list[str]) -> tuple[list[str], np.ndarray]:
    """latin_keys() of many folded tokens without line breaks (kinds: their scripts_of_each()), in a few passes over
    all of them together: all their keys one after the other (a token's in latin_keys() order) and, for each key, the
    position of its token (int64, ascending). Each token has one key, but for an empty one (none) and a Cyrillic one
    whose English-minded spelling differs (two)."""
    spelled = list(tokens)
    cyrillic = [i for i, kind in enumerate(kinds) if kind == "cyrillic"]
    arabic = [i for i, kind in enumerate(kinds) if kind == "arabic"]
    if arabic:  # as _arabic_spelling(): the first letter's own Latin letter, a final he a vowel, the rest medial
        joined = _ARABIC_FINAL_HE.sub("e", _ARABIC_FIRST.sub(lambda m: _ARABIC_HEAD[m.group()],
                                                               "\n".join([tokens[i] for i in arabic])))
        for i, text in zip(arabic, joined.translate(_ARABIC_MEDIAL).split("\n"), strict=True):
            spelled[i] = text
    english: list[str] = []
    if cyrillic:
        joined = "\n".join([tokens[i] for i in cyrillic])
        german = joined.translate(_TO_GERMAN["cyrillic"]).split("\n")
        english = _ascii_each(joined.translate(_TO_ENGLISH).split("\n"))
        if len(german) != len(cyrillic) or len(english) != len(cyrillic):
            raise ValueError("a token with a line break")
        for i, text in zip(cyrillic, german, strict=True):
            spelled[i] = text
    firsts = _ascii_each(spelled)
    # a Cyrillic token's English-minded key, if it has one and it is another (masks: no tuple per token)
    other = np.fromiter(map(str.__ne__, english, map(firsts.__getitem__, cyrillic)), dtype=bool, count=len(english))
    other &= np.fromiter(map(len, english), dtype=bool, count=len(english))
    seconds = list(compress(english, other.tolist()))
    keys = firsts + seconds
    owners = np.concatenate((np.arange(len(firsts), dtype=np.int64), np.array(cyrillic, dtype=np.int64)[other]))
    if "" in firsts:
        kept = np.fromiter(map(bool, keys), dtype=bool, count=len(keys))
        keys, owners = list(compress(keys, kept.tolist())), owners[kept]
    if seconds:  # each after its token's first key (a stable sort merges the two ascending runs)
        order = np.argsort(owners, kind="stable")
        keys, owners = list(map(keys.__getitem__, order.tolist())), owners[order]
    return keys, owners


# Kölner Phonetik in a few C-speed passes: context rules first (to capital placeholders), then letter groups.
_KP_CONTEXT = [  # (letters the rules are about, [(pattern, replacement)]), in this order
    ("x", [(re.compile(r"(?<=[ckq])x"), "S"), (re.compile("x"), "KS")]),
    ("dt", [(re.compile(r"[dt](?=[csz])"), "S")]),
    ("c", [(re.compile(r"^c(?=[ahkloqrux])"), "K"), (re.compile("^c"), "S"), (re.compile(r"(?<=[sz])c"), "S"),
           (re.compile(r"c(?=[ahkoqux])"), "K")]),
    ("p", [(re.compile(r"p(?=h)"), "F")]),
]
_KP_GROUPS = str.maketrans({**dict.fromkeys("aeijouy", "0"), **dict.fromkeys("bp", "1"), **dict.fromkeys("fvwF", "3"),
                            **dict.fromkeys("gkqK", "4"), "l": "5", **dict.fromkeys("mn", "6"), "r": "7",
                            **dict.fromkeys("szcS", "8"), **dict.fromkeys("dt", "2"), "h": ""})
_KP_REPEATS = re.compile(r"(.)\1+")
_KP_LETTERS = re.compile(r"[^a-z]+")
_KP_NOT_LETTERS = bytes(code for code in range(256) if not (97 <= code <= 122 or code == 10))
# _KP_CONTEXT for the bytes of many keys, each after a line break; each pattern begins with a letter (fast to find;
# d and t apart, as neither rule makes or breaks a match of the other)
_KP_CONTEXT_BYTES = [(re.compile(pattern), replacement) for pattern, replacement in (
    (rb"x(?<=[ckq]x)", b"S"), (b"x", b"KS"), (rb"d(?=[csz])", b"S"), (rb"t(?=[csz])", b"S"),
    (rb"\nc(?=[ahkloqrux])", b"\nK"), (rb"\nc", b"\nS"), (rb"c(?<=[sz]c)", b"S"), (rb"c(?=[ahkoqux])", b"K"),
    (rb"p(?=h)", b"F"))]
_KP_GROUP_BYTES = bytes(ord(_KP_GROUPS.get(code) or chr(code)) for code in range(256))  # "h" is deleted


def phonetic(key: str) -> str:
    """Kölner Phonetik of an ASCII key ('' when it has no sounds)."""
    word = key if key.isalpha() else _KP_LETTERS.sub("", key)
    for letters, rules in _KP_CONTEXT:
        if any(letter in word for letter in letters):
            for pattern, replacement in rules:
                word = pattern.sub(replacement, word)
    codes = _KP_REPEATS.sub(r"\1", word.translate(_KP_GROUPS))
    return codes[:1] + codes[1:].replace("0", "")


def phonetic_each(keys: list[str]) -> list[str]:
    """phonetic() of many ASCII keys without line breaks, in a few passes over all of them together: the same rules,
    on their bytes after a line break each (for the rules about a first letter), then runs and later zeros dropped
    at once."""
    if not keys:
        return []
    text = ("\n" + "\n".join(keys)).encode("ascii").translate(None, _KP_NOT_LETTERS)
    for pattern, replacement in _KP_CONTEXT_BYTES:
        text = pattern.sub(replacement, text)
    codes = np.frombuffer(text.translate(_KP_GROUP_BYTES, b"h"), dtype=np.uint8)
    keep = np.empty(len(codes), dtype=bool)
    keep[0] = True
    np.not_equal(codes[1:], codes[:-1], out=keep[1:])  # runs of a code, but for line breaks
    keep |= codes == 10
    keep[1:] &= (codes[1:] != 48) | (codes[:-1] == 10)  # a zero only first in its line
    result = codes[keep].tobytes()[1:].decode("ascii").split("\n")
    if len(result) != len(keys):
        raise ValueError("a key with a line break")
    return result


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


_AR_PREFIX = re.compile("(?m)^(?:" + "|".join(map(re.escape, _AR_PREFIXES)) + ")(?=[^\n]{3})")
_AR_SUFFIX_REVERSED = re.compile("(?m)^(?:" + "|".join(re.escape(suffix[::-1]) for suffix in _AR_SUFFIXES)
                                 + ")(?=[^\n]{2})")


def light_stems(tokens: list[str]) -> list[str]:
    """light_stem() of many tokens without line breaks, in two passes over all of them together: the first prefix
    that leaves three letters cut from the start of each line, then the longest suffix that leaves two cut from the
    start of each line of the text reversed (regular expressions try their alternatives in light_stem()'s order)."""
    if not tokens:
        return []
    stems = _AR_SUFFIX_REVERSED.sub("", _AR_PREFIX.sub("", "\n".join(tokens))[::-1])[::-1].split("\n")
    if len(stems) != len(tokens):
        raise ValueError("a token with a line break")
    # a token without prefix or suffix is its own stem (the same string, not a copy)
    return [token if len(stem) == len(token) else stem for token, stem in zip(tokens, stems, strict=True)]
