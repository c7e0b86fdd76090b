import pytest
from django.core.exceptions import ValidationError

from meetings.provenance import QuoteNotInSourceError, Span, find_span, fold_whitespace, locate_statement

SOURCE = 'Lavrov said:\u00a0"There must be an inclusive\u00a0intra-Syrian\n dialogue."  And more.'


def test_fold_whitespace_collapses_runs_including_no_break_spaces():
    assert fold_whitespace("  a\u00a0\u00a0b\n\tc  ") == "a b c"


def test_find_span_returns_offsets_into_the_original_text():
    span = find_span(SOURCE, "There must be an inclusive intra-Syrian dialogue.")
    assert span == Span(start=14, end=64)
    assert SOURCE[span.start : span.end] == "There must be an inclusive\u00a0intra-Syrian\n dialogue."


def test_find_span_matches_a_quote_typed_with_no_break_spaces_against_plain_spaces():
    assert find_span("one two three", "two\u00a0three") == Span(start=4, end=13)


def test_find_span_ignores_leading_and_trailing_whitespace_of_the_quote():
    assert find_span("one two three", "  two  ") == Span(start=4, end=7)


def test_find_span_returns_the_first_occurrence():
    assert find_span("go, go, go", "go") == Span(start=0, end=2)


def test_find_span_is_none_when_absent_or_empty():
    assert find_span(SOURCE, "There must be an exclusive dialogue") is None
    assert find_span(SOURCE, "   ") is None


def test_find_span_is_case_and_punctuation_sensitive():
    assert find_span("Frank and comprehensive", "frank and comprehensive") is None
    assert find_span("Tillerson’s visit", "Tillerson's visit") is None


def test_locate_statement_gives_a_paraphrase_a_span_only_when_it_uses_the_source_wording():
    assert locate_statement(label="“p”", source_text=SOURCE, kind="paraphrase", text="And more.") == Span(67, 76)
    assert locate_statement(label="“p”", source_text=SOURCE, kind="paraphrase", text="Lavrov wants talks") is None


def test_locate_statement_refuses_a_direct_quote_not_in_the_source_naming_it_and_the_mismatch():
    with pytest.raises(QuoteNotInSourceError) as caught:
        locate_statement(
            label="“lavrov-dialogue”",
            source_text=SOURCE,
            kind="direct_quote",
            text="There must be an inclusive intra-Syrian talk.",
        )
    assert isinstance(caught.value, ValidationError)
    assert caught.value.message_dict == {
        "text": [
            "Statement “lavrov-dialogue”: the direct quote “There must be an inclusive intra-Syrian talk.” "
            "does not occur in the source's text: it matches up to “There must be an inclusive intra-Syrian ” "
            "and differs from “talk.” on."
        ]
    }


def test_locate_statement_reports_a_quote_with_no_matching_start():
    with pytest.raises(QuoteNotInSourceError) as caught:
        locate_statement(label="“x”", source_text=SOURCE, kind="direct_quote", text="Zebras")
    assert caught.value.message_dict == {
        "text": ["Statement “x”: the direct quote “Zebras” does not occur in the source's text."]
    }


def test_find_span_can_pick_a_later_occurrence():
    text = "Home » Not a breakthrough\n\nNot a breakthrough, but a rapprochement"
    assert find_span(text, "Not a breakthrough", occurrence=2) == Span(start=27, end=45)
    assert find_span(text, "Not a breakthrough", occurrence=3) is None


def test_asking_for_an_occurrence_past_the_last_is_refused_naming_the_count():
    with pytest.raises(QuoteNotInSourceError) as caught:
        locate_statement(label="“x”", source_text="go, go", kind="paraphrase", text="go", occurrence=3)
    assert caught.value.message_dict == {
        "occurrence": ["Statement “x”: the text occurs 2 time(s) in the source, not 3."]
    }
