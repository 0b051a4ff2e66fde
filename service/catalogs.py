"""Maintain the gettext catalogs in locales/ (one for web and bot) without clobbering parallel edits.

    python -m service.catalogs update             extract messages.pot, merge into every <lang> catalog, compile
    python -m service.catalogs fill FILE.json     set translations: {"msgid": {"de": "...", "tr": "..."}}
    python -m service.catalogs missing [LANG]     list untranslated or fuzzy msgids

Every command holds an exclusive lock on locales/.lock while it reads and writes the catalogs.
Plural messages: give the msgid as written in code (singular) and a list of forms as the value.
"""

from __future__ import annotations

import fcntl
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from service.i18n import LANGUAGE_CODES, LOCALES_DIR

ROOT = LOCALES_DIR.parent
POT = LOCALES_DIR / "messages.pot"


@contextmanager
def locked() -> Iterator[None]:
    LOCALES_DIR.mkdir(exist_ok=True)
    with open(LOCALES_DIR / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


def _pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "-q", *args], cwd=ROOT, check=True)


def _undated(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: [^"]*"$', "", text, flags=re.MULTILINE)


def update() -> None:
    """Extract, merge into every language (creating missing catalogs), compile."""
    with locked():
        before = POT.read_text(encoding="utf-8") if POT.exists() else ""
        _pybabel("extract", "-F", "locales/babel.cfg", "-k", "_l", "-k", "N_", "--no-location",
                 "--sort-output", "-w", "120", "-o", str(POT), ".")
        if _undated(POT.read_text(encoding="utf-8")) == _undated(before):
            POT.write_text(before, encoding="utf-8")  # the same messages: no new date for the diff
        for lang in LANGUAGE_CODES:
            if not po_path(lang).exists():
                _pybabel("init", "-i", str(POT), "-d", str(LOCALES_DIR), "-l", lang)
        _pybabel("update", "-i", str(POT), "-d", str(LOCALES_DIR), "--no-fuzzy-matching",
                 "--ignore-obsolete", "--ignore-pot-creation-date", "-w", "120")
        _pybabel("compile", "-d", str(LOCALES_DIR))


def fill(translations: dict[str, dict[str, str | list[str]]]) -> int:
    """Write the given msgstrs into the catalogs; returns how many were set."""
    count = 0
    with locked():
        for lang in LANGUAGE_CODES:
            path = po_path(lang)
            if not path.exists():
                continue
            with open(path, "rb") as handle:
                catalog = read_po(handle, locale=lang)
            for msgid, by_lang in translations.items():
                if lang not in by_lang:
                    continue
                message = catalog.get(msgid)
                if message is None:
                    continue
                value = by_lang[lang]
                message.string = tuple(value) if isinstance(message.id, (list, tuple)) else value
                message.flags.discard("fuzzy")
                count += 1
            with open(path, "wb") as handle:
                write_po(handle, catalog, width=120, omit_header=False, sort_output=True)
        _pybabel("compile", "-d", str(LOCALES_DIR))
    return count


def missing(lang: str | None = None) -> dict[str, list[str]]:
    """Untranslated or fuzzy msgids per language."""
    result: dict[str, list[str]] = {}
    for code in [lang] if lang else LANGUAGE_CODES:
        path = po_path(code)
        if not path.exists():
            result[code] = ["<no catalog>"]
            continue
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=code)
        gaps = [
            m.id if isinstance(m.id, str) else m.id[0]
            for m in catalog
            if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
        ]
        if gaps:
            result[code] = gaps
    return result


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"update", "fill", "missing"}:
        print(__doc__)
        return 2
    if argv[0] == "update":
        update()
    elif argv[0] == "fill":
        data = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"{fill(data)} translation(s) set")
    else:
        gaps = missing(argv[1] if len(argv) > 1 else None)
        for code, ids in gaps.items():
            print(f"{code}: {len(ids)} missing")
            for msgid in ids:
                print(f"  {msgid}")
        return 1 if gaps else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
