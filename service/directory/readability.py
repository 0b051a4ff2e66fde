"""A plain-language check for German and English texts: short sentences.

    python -m service.directory.readability [PATH]

Checks the summary and how_to_apply steps of every entry in de and en together, and the German summary on its own:
average sentence length at most 15 words, no sentence over 25 words. Prints each offending text and exits 1 when any
fails.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from service.config import PROJECT_ROOT

MAX_AVERAGE = 15.0
MAX_SENTENCE = 25
CHECKED_LANGS = ("de", "en")
_ABBREVIATIONS = re.compile(
    r"\b(?:z\.\s?B|u\.\s?a|d\.\s?h|bzw|ca|ggf|Abs|Nr|Str|e\.\s?g|i\.\s?e|etc|vs|Dr|Mo|Di|Mi|Do|Fr|Sa|So|inkl|usw)\.",
    re.IGNORECASE,
)
# "zum 18. Geburtstag", "1. Januar": a one- or two-digit number with a full stop is an ordinal. A longer number,
# or the last group of a phone number ("… 116 111. Opfer-Telefon …", "0800 4 5555 30."), ends the sentence.
_ORDINAL = re.compile(r"(?<![\d][ \u00a0/\-])(?<!\d)(\d{1,2})\.(?=\s)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"[\w§€%][\w\-’'./§€%]*", re.UNICODE)


def sentences(text: str) -> list[str]:
    """Split a text into sentences (abbreviations and ordinals like '6.' do not end one; '116 111.' does)."""
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), text)
    protected = _ORDINAL.sub("\\1\u2024", protected)
    parts = [p.strip() for p in _SENTENCE_END.split(protected)]
    return [p.replace("\u2024", ".") for p in parts if _WORD.search(p)]


def word_count(sentence: str) -> int:
    return len(_WORD.findall(sentence))


@dataclass(frozen=True)
class Finding:
    where: str
    average: float
    longest: int
    text: str

    def __str__(self) -> str:
        return f"{self.where}: average {self.average:.1f} words a sentence; longest ({self.longest}): {self.text[:80]}"


def check_texts(where: str, texts: list[str]) -> Finding | None:
    """A Finding when the texts together average over 15 words a sentence or one sentence is over 25."""
    found = [s for text in texts for s in sentences(text)]
    if not found:
        return None
    counts = [word_count(s) for s in found]
    average = sum(counts) / len(counts)
    longest = max(range(len(counts)), key=counts.__getitem__)
    if average > MAX_AVERAGE or counts[longest] > MAX_SENTENCE:
        return Finding(where, average, counts[longest], found[longest])
    return None


def check_directory(root: Path) -> list[Finding]:
    """Check the summary and steps of every entry, per entry and language, in de and en."""
    import yaml

    findings: list[Finding] = []
    for path in sorted(root.glob("entries/*/*.yaml")):
        if path.stem not in CHECKED_LANGS:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts = [str(data.get("summary") or "")] + [str(step) for step in data.get("how_to_apply") or []]
        finding = check_texts(f"{path.parent.name}/{path.stem}", texts)
        if finding:
            findings.append(finding)
        if path.stem == "de":  # the German summary is read first (and translated from): it must pass on its own
            finding = check_texts(f"{path.parent.name}/de summary", texts[:1])
            if finding:
                findings.append(finding)
    return findings


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else PROJECT_ROOT / "directory_data"
    findings = check_directory(root)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} text(s) too hard to read", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
