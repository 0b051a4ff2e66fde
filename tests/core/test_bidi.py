"""Phone numbers inside Arabic and Persian texts keep their order."""

from hypothesis import given
from hypothesis import strategies as st

from service.directory.bidi import LRI, PDI, isolate_numbers, strip_isolates


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
