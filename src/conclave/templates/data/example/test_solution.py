"""Tests of the example module; the workflow runs them with its run_tests tool.

They need nothing but the standard library, so they also run where pytest is absent.
"""

from __future__ import annotations

from solution import moving_average, slugify, word_frequencies


def test_slugify_joins_words_with_hyphens() -> None:
    assert slugify("  Hello, World! ") == "hello-world"


def test_slugify_keeps_digits() -> None:
    assert slugify("Release 2.0 notes") == "release-2-0-notes"


def test_word_frequencies_counts_case_insensitively() -> None:
    assert word_frequencies("the cat and The hat and the bat", top=2) == [("the", 3), ("and", 2)]


def test_moving_average_of_a_window() -> None:
    assert moving_average([1, 2, 3, 4, 5], 2) == [1.5, 2.5, 3.5, 4.5]


def test_moving_average_rejects_an_empty_window() -> None:
    message = "accepted"
    try:
        moving_average([1, 2], 0)
    except ValueError as error:
        message = str(error)
    assert "window" in message
