"""The stop-word language guess."""

from __future__ import annotations

from cleaner.clean import language


def test_guesses_the_language_of_the_first_words() -> None:
    assert language.guess("The cat sat on the mat, and it was happy that the day was warm.") == "en"
    assert language.guess("Le chat est sur le tapis et il dit que la journée est belle.") == "fr"


def test_too_few_stop_words_make_no_guess() -> None:
    assert language.guess("Menu Login Search") is None
    assert language.guess("") is None
    assert language.guess("1234 5678 !!!") is None


def test_only_the_start_is_read() -> None:
    text = "x " * language.SAMPLE_CHARS + "the of and to in is that for it was " * 10
    assert language.guess(text) is None


def test_upper_case_and_lone_surrogates() -> None:
    assert language.guess("THE CAT AND THE HAT OF THE DAY IS THAT") == "en"
    assert language.guess("the \udce9 of and \ud800 to in is") == "en"
