"""The evaluation command: several files, must-not cases, extra acceptable slugs, both tables, calibration."""

from __future__ import annotations

from pathlib import Path

from service.search import evaluate


def _tsv(path: Path, rows: list[str]) -> Path:
    path.write_text("lang\tquery\texpected_slugs\tnote\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_cases_read_must_not_rows_and_extra_acceptable_slugs(tmp_path: Path) -> None:
    accept = tmp_path / "accept.tsv"
    accept.write_text("lang\tquery\talso\treason\nde\tkind spricht nicht\tsprachentwicklung\tnew\n", encoding="utf-8")
    cases = evaluate.read_cases(_tsv(tmp_path / "a.tsv", ["de\tkind spricht nicht\tfruehfoerderung\t",
                                                           "de\tasdf\t-\tnonsense", "translit\tвонгельд\twohngeld\t"]),
                                evaluate.read_accept(accept))
    assert [case.expected for case in cases] == [{"fruehfoerderung", "sprachentwicklung"}, set(), {"wohngeld"}]
    assert cases[2].lang == "ru" and cases[1].words == 1


def test_figures_count_confidence_and_rejections() -> None:
    sure = evaluate.Case("de", "kindergeld", "de", {"kindergeld"})
    wrong = evaluate.Case("de", "geld", "de", {"wohngeld"})
    nonsense = evaluate.Case("de", "asdf", "de", set())
    figures = evaluate.figures([evaluate.Answer(sure, ["kindergeld"], True), evaluate.Answer(wrong, ["kindergeld",
                                "wohngeld"], True), evaluate.Answer(nonsense, ["x"], False)])
    assert (figures.n, figures.top1, figures.top3, figures.mrr) == (2, 0.5, 1.0, 0.75)
    assert (figures.precision, figures.recall, figures.rejects, figures.rejected) == (0.5, 0.5, 1, 1.0)


def test_the_command_prints_both_tables_and_calibrates(tmp_path: Path, capsys) -> None:
    one = _tsv(tmp_path / "one.tsv", ["de\tkindergeld\tkindergeld\t", "de\twohngeld beantragen\twohngeld\t"])
    two = _tsv(tmp_path / "two.tsv", ["de\thallo\t-\tgreeting", "en\tqwxz\t-\tnonsense"])
    assert evaluate.main([str(one), str(two), "--calibrate", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "4 queries from" in out and "One- and two-word queries" in out and "report half" in out
    overall = next(line for line in out.splitlines() if line.startswith("overall"))
    assert overall.split()[1:4] == ["2", "2", "1.00/1.00/1.00"]
