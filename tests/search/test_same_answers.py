"""Every web worker and the bot give the same answers: nothing in a search depends on Python's string hashing."""

from __future__ import annotations

import os
import subprocess
import sys

from service.config import PROJECT_ROOT

# 400 queries (with typos) over a synthetic directory of 2,000 entries: with typo candidates taken in a set's order,
# tied candidates came out differently for different hash seeds.
ANSWERS = """
import hashlib, sys
sys.path.insert(0, "benchmarks")
import search_bench as sb
from service.search.index import SearchIndex
synthetic = sb.Synthetic(2000, sb.word_pools(sb.ROOT / "directory_data"))
index = SearchIndex.build(synthetic.entries())
lines = []
for query, lang, _ in synthetic.queries(400):
    ranking = index.search(query, lang, 10)
    lines.append("|".join(f"{hit.slug}:{hit.score:.6f}" for hit in ranking.hits) + "#" + ",".join(ranking.suggestions))
print(hashlib.sha1("\\n".join(lines).encode()).hexdigest())
"""


def _answers(seed: int) -> str:
    done = subprocess.run([sys.executable, "-c", ANSWERS], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONHASHSEED=str(seed)), timeout=300, check=True)
    return done.stdout.strip()


def test_answers_do_not_depend_on_the_hash_seed() -> None:
    first = _answers(1)
    assert len(first) == 40
    assert _answers(2) == first
    assert _answers(3) == first
