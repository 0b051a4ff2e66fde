"""Phone numbers inside Arabic and Persian texts keep their order."""

from hypothesis import given
from hypothesis import strategies as st

from service.directory.bidi import LRI, PDI, isolate_ltr, isolate_numbers, strip_isolates


def test_phone_in_arabic_is_isolated() -> None:
    text = "اتصلوا بالرقم 0800 111 0 550 مجانًا أو 116 016."
    out = isolate_numbers(text)
    assert f"{LRI}0800 111 0 550{PDI}" in out
    assert f"{LRI}116 016{PDI}" in out


def test_single_numbers_and_words_stay_untouched() -> None:
    assert isolate_numbers("اتصلوا بـ 110 أو 112") == "اتصلوا بـ 110 أو 112"
    assert isolate_numbers("§ 28 SGB II") == "§ 28 SGB II"


@given(st.text())
def test_idempotent_and_reversible(text: str) -> None:
    once = isolate_numbers(text)
    assert isolate_numbers(once) == once
    if LRI not in text and PDI not in text:
        assert strip_isolates(once) == text


def test_german_term_in_brackets_is_isolated_whole() -> None:
    title = "حزمة التعليم والمشاركة (Bildungs- und Teilhabepaket، BuT)"
    assert isolate_ltr(title) == f"حزمة التعليم والمشاركة {LRI}(Bildungs- und Teilhabepaket، BuT){PDI}"
    assert isolate_ltr("(مثال) و (§ 28 SGB II)") == f"(مثال) و {LRI}(§ 28 SGB II){PDI}"


def test_numbers_inside_an_isolated_group_are_not_nested() -> None:
    out = isolate_ltr("اتصلوا (Hotline 0800 111 0 550) الآن 116 016")
    assert out == f"اتصلوا {LRI}(Hotline 0800 111 0 550){PDI} الآن {LRI}116 016{PDI}"


@given(st.text())
def test_isolate_ltr_idempotent_and_reversible(text: str) -> None:
    once = isolate_ltr(text)
    assert isolate_ltr(once) == once
    if LRI not in text and PDI not in text:
        assert strip_isolates(once) == text
