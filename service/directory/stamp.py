"""Write the current German `source_hash` into translation files after translating them.

    python -m service.directory.stamp [--path directory_data] [--entry SLUG] [--page PAGE] [--lang XX]

Only the `source_hash:` line of each file is written; everything else stays as the author left it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from service.config import PROJECT_ROOT
from service.directory.hashing import ENTRY_HASHED_FIELDS, PAGE_HASHED_FIELDS, source_hash

_HASH_LINE = re.compile(r"^source_hash:.*$", re.MULTILINE)
_STATUS_LINE = re.compile(r"^status:.*$", re.MULTILINE)


def stamp_file(path: Path, digest: str) -> bool:
    """Set `source_hash: digest` in one YAML file; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    line = f"source_hash: {digest}"
    if _HASH_LINE.search(text):
        new = _HASH_LINE.sub(line, text, count=1)
    elif _STATUS_LINE.search(text):
        new = _STATUS_LINE.sub(lambda m: m.group(0) + "\n" + line, text, count=1)
    else:
        new = line + "\n" + text
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def stamp_folder(folder: Path, fields: tuple[str, ...], lang: str | None = None) -> list[Path]:
    """Stamp every translation in one entry or page folder with the hash of its de.yaml."""
    german = folder / "de.yaml"
    if not german.exists():
        return []
    digest = source_hash(yaml.safe_load(german.read_text(encoding="utf-8")) or {}, fields)
    changed = []
    for path in sorted(folder.glob("*.yaml")):
        if path.stem in {"de", "entry"} or (lang and path.stem != lang):
            continue
        if stamp_file(path, digest):
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=PROJECT_ROOT / "directory_data")
    parser.add_argument("--entry", help="only this entry slug")
    parser.add_argument("--page", help="only this page")
    parser.add_argument("--lang", help="only this language")
    args = parser.parse_args(argv)
    folders: list[tuple[Path, tuple[str, ...]]] = []
    if not args.page:
        pattern = args.entry or "*"
        folders += [(f, ENTRY_HASHED_FIELDS) for f in sorted((args.path / "entries").glob(pattern))]
    if not args.entry:
        pattern = args.page or "*"
        folders += [(f, PAGE_HASHED_FIELDS) for f in sorted((args.path / "pages").glob(pattern))]
    changed = [p for folder, fields in folders if folder.is_dir() for p in stamp_folder(folder, fields, args.lang)]
    for path in changed:
        print(f"stamped {path.relative_to(args.path)}")
    print(f"{len(changed)} file(s) stamped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
