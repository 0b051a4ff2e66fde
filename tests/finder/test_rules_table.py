"""The finder's rules against family situations written from the official eligibility rules.

Each row: answers -> entries that must come out "likely", "possible", "not fitting", and entries that must not
appear at all. The legal basis of each expectation is named in the row's id or comment.
"""

from __future__ import annotations

from typing import Any

import pytest

from service.finder import evaluate, parse_answers
from service.finder.rules import FinderData

L, P, N, ABSENT = "likely", "possible", "not_fitting", "absent"

# (id, answers, {slug: expected}) — "absent" means neither a result nor "not fitting".
SITUATIONS: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    # --- Kindergeld: under 18 whatever the income; 18–24 only in training (§ 32 EStG); residence (§ 62 EStG) ---
    ("couple-two-kids-work", {"children": [4, 7], "adults": 2, "income": ["work"], "earned_income": 2100},
     {"kindergeld": L, "kinderzuschlag": P, "wohngeld": P, "bildung-und-teilhabe": P, "elternbeitrag-kita": P,
      "buergergeld": ABSENT, "unterhaltsvorschuss": ABSENT, "elterngeld": ABSENT}),
    ("well-off-family-still-kindergeld", {"children": [10], "adults": 2, "income": ["work"], "earned_income": 9000},
     {"kindergeld": L, "unterhaltsvorschuss": ABSENT, "bildung-und-teilhabe": ABSENT}),
    ("only-a-19-year-old", {"children": [19], "adults": 2, "income": ["work"], "earned_income": 3000},
     {"kindergeld": P, "elternbeitrag-kita": ABSENT, "unterhaltsvorschuss": ABSENT}),
    ("children-25-plus-not-asked", {"children": [24], "adults": 1, "income": ["pension"]},
     {"kindergeld": P, "unterhaltsvorschuss": ABSENT, "elterngeld": ABSENT}),
    ("asylum-seekers-kindergeld-depends", {"children": [3], "adults": 2, "income": ["asylblg"]},
     {"kindergeld": P, "kinderzuschlag": N, "wohngeld": N, "bildung-und-teilhabe": L, "elternbeitrag-kita": L}),
    ("no-ages-given", {"income": ["work"], "earned_income": 1500},
     {"kindergeld": P, "kinderzuschlag": P, "elterngeld": ABSENT, "elternbeitrag-kita": ABSENT}),
    ("no-answers-at-all", {},
     {"kindergeld": P, "kinderzuschlag": ABSENT, "wohngeld": ABSENT, "buergergeld": ABSENT,
      "unterhaltsvorschuss": ABSENT, "schuldnerberatung": ABSENT}),
    # --- Elterngeld: baby in its first months, pregnancy (§ 4 BEEG); counted against Bürgergeld (§ 10 Abs. 5) ---
    ("expecting-first-baby", {"children": [], "pregnant": True, "adults": 2, "income": ["work"], "earned_income": 3200},
     {"elterngeld": L, "schwangerschaftsberatung": L, "fruehe-hilfen": L, "kindergeld": P,
      "kinderzuschlag": ABSENT}),
    ("newborn-couple", {"children": [0], "adults": 2, "income": ["work"], "earned_income": 2800},
     {"elterngeld": L, "kindergeld": L, "kinderzuschlag": P}),
    ("already-elterngeld", {"children": [0], "adults": 2, "income": ["work", "elterngeld"], "earned_income": 2000},
     {"elterngeld": ABSENT, "kindergeld": L}),
    ("baby-with-buergergeld", {"children": [0, 5], "adults": 2, "income": ["buergergeld"]},
     {"elterngeld": P, "wohngeld": N, "bildung-und-teilhabe": L, "elternbeitrag-kita": L, "kinderzuschlag": ABSENT,
      "buergergeld": ABSENT}),
    ("asylum-seekers-expecting-a-baby", {"children": [2], "pregnant": True, "adults": 2, "income": ["asylblg"]},
     {"elterngeld": P, "kindergeld": P, "schwangerschaftsberatung": L, "mutterschutz": ABSENT}),
    ("toddler-two-no-elterngeld", {"children": [2], "adults": 2, "income": ["work"], "earned_income": 2500},
     {"elterngeld": ABSENT, "kindergeld": L, "elternbeitrag-kita": P}),
    # --- Kinderzuschlag: minimum gross income 900 couples / 600 single parents (§ 6a Abs. 1 Nr. 2 BKGG) ---
    ("couple-899-below-minimum", {"children": [3], "adults": 2, "income": ["work"], "earned_income": 899},
     {"kinderzuschlag": N, "buergergeld": P, "wohngeld": P}),
    ("couple-900-at-minimum", {"children": [3], "adults": 2, "income": ["work"], "earned_income": 900},
     {"kinderzuschlag": P, "buergergeld": ABSENT}),
    ("single-600-at-minimum", {"children": [3], "adults": 1, "income": ["work"], "earned_income": 600},
     {"kinderzuschlag": P}),
    ("single-599-below-minimum", {"children": [3], "adults": 1, "income": ["work"], "earned_income": 599},
     {"kinderzuschlag": N, "buergergeld": P}),
    ("single-700-would-be-below-for-couple", {"children": [8], "adults": 1, "income": ["work"], "earned_income": 700},
     {"kinderzuschlag": P}),
    ("adults-unknown-700-no-wrong-refusal", {"children": [8], "income": ["work"], "earned_income": 700},
     {"kinderzuschlag": P}),
    ("works-but-earnings-unknown", {"children": [6], "adults": 2, "income": ["work"]},
     {"kinderzuschlag": P, "wohngeld": P}),
    ("wohngeld-and-work-kiz-likely", {"children": [5, 9], "adults": 2, "income": ["work", "wohngeld"],
                                      "earned_income": 1900},
     {"kinderzuschlag": L, "wohngeld": ABSENT, "bildung-und-teilhabe": L, "elternbeitrag-kita": L}),
    ("already-kiz", {"children": [5], "adults": 2, "income": ["work", "kinderzuschlag"], "earned_income": 1800},
     {"kinderzuschlag": ABSENT, "wohngeld": L, "bildung-und-teilhabe": L, "elternbeitrag-kita": L}),
    ("no-children-no-kiz", {"children": [], "adults": 2, "income": ["work"], "earned_income": 1200},
     {"kinderzuschlag": ABSENT, "kindergeld": ABSENT, "bildung-und-teilhabe": ABSENT}),
    ("child-26-impossible-input-is-24-max", {"children": [24], "adults": 2, "income": ["work"], "earned_income": 1500},
     {"kinderzuschlag": P, "kindergeld": P}),
    # --- Kinderzuschlag + Wohngeld may replace Bürgergeld (§ 7 Abs. 1 Satz 3 Nr. 2 WoGG) ---
    ("buergergeld-top-up-with-good-earnings", {"children": [4, 6], "adults": 2, "income": ["work", "buergergeld"],
                                               "earned_income": 1600},
     {"kinderzuschlag": P, "wohngeld": P, "buergergeld": ABSENT, "bildung-und-teilhabe": L}),
    ("buergergeld-with-small-earnings", {"children": [4], "adults": 2, "income": ["work", "buergergeld"],
                                         "earned_income": 500},
     {"kinderzuschlag": N, "wohngeld": N, "buergergeld": ABSENT}),
    # --- Wohngeld excluded with Bürgergeld, Sozialhilfe, AsylbLG (§ 7 Abs. 1 WoGG) ---
    ("buergergeld-only", {"children": [7], "adults": 1, "income": ["buergergeld"]},
     {"wohngeld": N, "kinderzuschlag": ABSENT, "bildung-und-teilhabe": L, "elternbeitrag-kita": ABSENT}),
    ("sozialhilfe", {"children": [3], "adults": 2, "income": ["sozialhilfe"]},
     {"wohngeld": N, "kinderzuschlag": ABSENT, "bildung-und-teilhabe": L, "elternbeitrag-kita": L}),
    ("pension-household", {"children": [12], "adults": 2, "income": ["pension"]},
     {"wohngeld": P, "kinderzuschlag": ABSENT, "kindergeld": L}),
    ("unemployment-benefit", {"children": [4], "adults": 2, "income": ["unemployment"]},
     {"wohngeld": P, "kinderzuschlag": P, "buergergeld": ABSENT}),
    ("no-income-at-all", {"children": [2], "adults": 1, "income": ["none"]},
     {"buergergeld": P, "wohngeld": ABSENT, "kinderzuschlag": ABSENT, "kindergeld": L}),
    # --- Unterhaltsvorschuss: single parent, child under 18, no or too little support (§ 1 UhVorschG) ---
    ("single-no-support-child-5", {"children": [5], "adults": 1, "income": ["work"], "earned_income": 1400,
                                   "child_support": "no"},
     {"unterhaltsvorschuss": L, "kinderzuschlag": P}),
    ("single-partly-support", {"children": [9], "adults": 1, "income": ["work"], "earned_income": 1400,
                               "child_support": "partly"},
     {"unterhaltsvorschuss": L}),
    ("single-full-support", {"children": [9], "adults": 1, "income": ["work"], "earned_income": 1400,
                             "child_support": "yes"},
     {"unterhaltsvorschuss": N}),
    ("single-support-not-said", {"children": [9], "adults": 1, "income": ["work"], "earned_income": 1400},
     {"unterhaltsvorschuss": P}),
    ("couple-support-answer-ignored", {"children": [9], "adults": 2, "income": ["work"], "earned_income": 1400,
                                       "child_support": "no"},
     {"unterhaltsvorschuss": ABSENT}),
    ("single-only-a-19-year-old", {"children": [19], "adults": 1, "income": ["work"], "earned_income": 1400,
                                   "child_support": "no"},
     {"unterhaltsvorschuss": ABSENT}),
    ("single-teen-14-no-buergergeld", {"children": [14], "adults": 1, "income": ["work"], "earned_income": 1200,
                                       "child_support": "no"},
     {"unterhaltsvorschuss": L}),
    ("single-teen-14-buergergeld-earns-600", {"children": [14], "adults": 1, "income": ["work", "buergergeld"],
                                              "earned_income": 600, "child_support": "no"},
     {"unterhaltsvorschuss": L}),
    ("single-teen-14-buergergeld-earns-300", {"children": [14], "adults": 1, "income": ["work", "buergergeld"],
                                              "earned_income": 300, "child_support": "no"},
     {"unterhaltsvorschuss": P}),
    ("single-teen-14-and-child-8-buergergeld", {"children": [8, 14], "adults": 1, "income": ["buergergeld"],
                                                "child_support": "no"},
     {"unterhaltsvorschuss": L}),
    # --- Kita fee waiver (§ 90 Abs. 4 SGB VIII) and BuT (§ 28 SGB II, § 6b BKGG) ---
    ("wohngeld-kita-child", {"children": [3], "adults": 2, "income": ["work", "wohngeld"], "earned_income": 800},
     {"elternbeitrag-kita": L, "bildung-und-teilhabe": L, "kinderzuschlag": N}),
    ("buergergeld-school-child-only", {"children": [10], "adults": 2, "income": ["buergergeld"]},
     {"bildung-und-teilhabe": L, "elternbeitrag-kita": ABSENT}),
    ("buergergeld-baby-no-kita-age", {"children": [0], "adults": 1, "income": ["buergergeld"]},
     {"elternbeitrag-kita": ABSENT, "bildung-und-teilhabe": L}),
    ("buergergeld-ages-unknown", {"adults": 2, "income": ["buergergeld"]},
     {"bildung-und-teilhabe": P, "elternbeitrag-kita": P}),
    ("low-earner-couple-wohngeld-route", {"children": [2], "adults": 2, "income": ["work"], "earned_income": 600},
     {"elternbeitrag-kita": P, "bildung-und-teilhabe": P, "kinderzuschlag": N, "wohngeld": P, "buergergeld": P}),
    ("high-earner-couple", {"children": [2, 4], "adults": 2, "income": ["work"], "earned_income": 6000},
     {"kindergeld": L, "kinderzuschlag": ABSENT, "wohngeld": ABSENT, "elternbeitrag-kita": ABSENT,
      "bildung-und-teilhabe": ABSENT, "buergergeld": ABSENT}),
    # --- A child with a disability or slow development (§ 46 SGB IX, Eingliederungshilfe) ---
    ("disability-child-3", {"children": [3], "disability": True},
     {"fruehfoerderung": L, "eingliederungshilfe": P, "behinderung-pflegegrad-kind": P, "sprachentwicklung": P}),
    ("disability-child-10", {"children": [10], "disability": True},
     {"fruehfoerderung": ABSENT, "eingliederungshilfe": P}),
    ("no-disability", {"children": [3], "disability": False},
     {"fruehfoerderung": ABSENT, "eingliederungshilfe": ABSENT}),
    # --- Worries -> counselling ---
    ("debts-with-buergergeld", {"children": [6], "income": ["buergergeld"], "worries": ["debts"]},
     {"schuldnerberatung": L, "beratungshilfe-recht": L}),
    ("violence", {"worries": ["violence"]},
     {"gewaltschutz-frauen": L, "kinderschutz-notfall": P}),
    ("parenting-with-toddler", {"children": [1], "worries": ["parenting"]},
     {"erziehungsberatung": L, "elterntelefon": P, "fruehe-hilfen": L}),
    ("separation", {"children": [6], "adults": 1, "worries": ["separation"]},
     {"erziehungsberatung": L, "kita-sozialarbeit": P, "beratungshilfe-recht": P, "trennung-sorgerecht": L}),
    ("addiction-and-health", {"worries": ["addiction", "health"]},
     {"suchtberatung": L, "gesundheit-kind": L}),
    ("language", {"worries": ["language"]},
     {"deutschkurs-eltern": L, "sprachmittlung": P, "migrationsberatung": P}),
    ("housing", {"worries": ["housing"]}, {"wohnen-wohnungsnot": L, "kita-sozialarbeit": P}),
    ("separation-single-parent", {"children": [4], "adults": 1, "worries": ["separation"]},
     {"trennung-sorgerecht": L, "erziehungsberatung": L, "unterhaltsvorschuss": P}),
    # --- Mutterschutz for employees (§ 3 MuSchG); Kinderkrankengeld under 12 (§ 45 SGB V) ---
    ("pregnant-employee", {"children": [3], "pregnant": True, "adults": 2, "income": ["work"], "earned_income": 2400},
     {"mutterschutz": L, "elterngeld": L}),
    ("pregnant-with-buergergeld", {"children": [], "pregnant": True, "adults": 1, "income": ["buergergeld"]},
     {"mutterschutz": ABSENT, "elterngeld": P, "schwangerschaftsberatung": L}),
    ("working-parent-sick-child-worry", {"children": [4], "adults": 2, "income": ["work"], "earned_income": 3000,
                                         "worries": ["health"]},
     {"kinderkrankengeld": P, "gesundheit-kind": L}),
    ("sick-teen-no-kinderkrankengeld", {"children": [13], "income": ["work"], "worries": ["health"]},
     {"kinderkrankengeld": ABSENT}),
    ("school-start", {"children": [5], "worries": ["school_start"]},
     {"einschulung-ogs": L, "schulsozialarbeit": ABSENT}),
]


@pytest.fixture(scope="module")
def rules(curated) -> FinderData:
    assert curated.finder is not None, "directory_data/finder.yaml must be loaded with the directory"
    return curated.finder


@pytest.fixture(scope="module")
def available(curated) -> set[str]:
    return set(curated.entries)


def _levels(rules: FinderData, answers: dict[str, Any], available: set[str]) -> dict[str, str]:
    return {f.slug: f.level for f in evaluate(rules, parse_answers(answers), available)}


def test_the_table_is_large_enough() -> None:
    assert len(SITUATIONS) >= 40
    assert len({row[0] for row in SITUATIONS}) == len(SITUATIONS)


@pytest.mark.parametrize(("answers", "expected"), [row[1:] for row in SITUATIONS], ids=[row[0] for row in SITUATIONS])
def test_situation(rules: FinderData, available: set[str], answers: dict[str, Any], expected: dict[str, str]) -> None:
    got = _levels(rules, answers, available)
    for slug, level in expected.items():
        assert slug in available or level == ABSENT, f"{slug} is not an entry"
        assert got.get(slug, ABSENT) == level, f"{slug}: expected {level}, got {got.get(slug, ABSENT)} ({got})"


def test_worries_point_to_new_entries_when_they_exist(rules: FinderData, available: set[str]) -> None:
    without_new = available - {"kita-platz", "einschulung-ogs"}
    worries = {"children": [2, 5], "worries": ["kita_place", "school_start"]}
    assert _levels(rules, worries, without_new).keys() >= {"kita-sozialarbeit", "schulsozialarbeit"}
    with_new = available | {"kita-platz", "einschulung-ogs"}
    got = _levels(rules, worries, with_new)
    assert got["kita-platz"] == L and got["einschulung-ogs"] == L
    assert "kita-sozialarbeit" not in got and "schulsozialarbeit" not in got


def test_a_threshold_change_in_the_data_moves_the_result(rules: FinderData, available: set[str]) -> None:
    family = {"children": [3], "adults": 2, "income": ["work"], "earned_income": 950}
    assert _levels(rules, family, available)["kinderzuschlag"] == P
    raised = rules.model_copy(deep=True)
    raised.thresholds["kinderzuschlag_min_income"].couple = 1000
    assert _levels(raised, family, available)["kinderzuschlag"] == N
