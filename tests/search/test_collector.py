"""The index build pauses Python's cycle collector while it runs, and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from service.search import build as builder
from service.search.index import EntryTexts, SearchIndex
from service.search.score import TITLE


@pytest.mark.parametrize("enabled", [True, False])
def test_the_build_pauses_the_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch, enabled: bool) -> None:
    seen = []
    real = builder.build

    def watched(entries):  # noqa: ANN001, ANN202
        seen.append(gc.isenabled())
        return real(entries)

    monkeypatch.setattr(builder, "build", watched)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        index = SearchIndex.build([EntryTexts("kindergeld", [("de", TITLE, "Kindergeld")])])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert seen == [False]
    assert index.search("kindergeld", "de").hits[0].slug == "kindergeld"


def test_the_collector_runs_again_when_the_build_fails() -> None:
    assert gc.isenabled()
    with pytest.raises(AttributeError):
        SearchIndex.build([object()])  # type: ignore[list-item]
    assert gc.isenabled()
