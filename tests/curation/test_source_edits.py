"""Editing a source keeps provenance: a text the curator did not touch stays byte for byte as it was, a
new text moves every statement's span with it, and a text that loses a statement's words is refused.

On a seed source, through the admin and the API, each edit followed by ``verify_provenance``.
"""

import pytest
from django.core.management import call_command

from meetings.models import Source, Statement

from .test_admin import _change_form_data

SLUG = "tillerson-visits-moscow-turbulent-period"
QUOTE = "lavrov-2017-04-12-frank-and-comprehensive"


def spans(source: Source) -> dict[str, tuple[int | None, int | None, str, str]]:
    return {
        s.slug: (s.span_start, s.span_end, s.context_before, s.context_after)
        for s in Statement.objects.filter(source=source)
    }


def change_page(admin_client, source: Source):
    response = admin_client.get(f"/admin/meetings/source/{source.pk}/change/")
    assert response.status_code == 200
    return response


def verified() -> None:
    call_command("verify_provenance", verbosity=0)  # raises CommandError naming each problem


@pytest.mark.django_db
def test_saving_the_form_unchanged_keeps_the_text_byte_for_byte_though_the_browser_sends_crlf(curated, admin_client):
    source = Source.objects.get(slug=SLUG)
    before_text, before_hash, before_spans = source.text, source.content_hash, spans(source)
    data = _change_form_data(change_page(admin_client, source))
    data["text"] = data["text"].replace("\n", "\r\n")  # what a browser sends back for the textarea
    data["title"] = "A new title"
    response = admin_client.post(f"/admin/meetings/source/{source.pk}/change/", data)
    assert response.status_code == 302
    source.refresh_from_db()
    assert (source.title, source.text, source.content_hash) == ("A new title", before_text, before_hash)
    assert spans(source) == before_spans
    verified()


@pytest.mark.django_db
def test_a_text_that_only_moves_the_words_moves_every_span_with_them(curated, admin_client):
    source = Source.objects.get(slug=SLUG)
    before, before_text = spans(source), source.text
    data = _change_form_data(change_page(admin_client, source))
    data["text"] = ("An editor's note added at the top.\n\n" + source.text).replace("\n", "\r\n")
    response = admin_client.post(f"/admin/meetings/source/{source.pk}/change/", data)
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.text == "An editor's note added at the top.\n\n" + before_text
    shift = len("An editor's note added at the top.\n\n")
    after = spans(source)
    assert {slug: (start + shift, end + shift) for slug, (start, end, _, _) in before.items() if start is not None} == {
        slug: (start, end) for slug, (start, end, _, _) in after.items() if start is not None
    }
    quote = Statement.objects.get(slug=QUOTE)
    assert source.text[quote.span_start : quote.span_end].rstrip(",") == "frank and comprehensive"
    verified()


@pytest.mark.django_db
def test_a_text_that_loses_a_quote_is_a_form_error_naming_it_and_nothing_changes(curated, admin_client):
    source = Source.objects.get(slug=SLUG)
    before_text, before_spans = source.text, spans(source)
    data = _change_form_data(change_page(admin_client, source))
    data["text"] = source.text.replace("frank and comprehensive", "frank and thorough")
    response = admin_client.post(f"/admin/meetings/source/{source.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "text": [
            "Statement “lavrov-2017-04-12-frank-and-comprehensive”: the direct quote “frank and comprehensive,” does "
            "not occur in the source's text."
        ]
    }
    source.refresh_from_db()
    assert (source.text, spans(source)) == (before_text, before_spans)
    verified()


@pytest.mark.django_db
def test_the_api_refuses_a_text_that_loses_a_quote_and_moves_the_spans_of_one_that_keeps_them(curated, curator_client):
    source = Source.objects.get(slug=SLUG)
    before_text, before_spans = source.text, spans(source)
    url = f"/api/v1/sources/{SLUG}/"
    edited = "A line added at the top.\n" + source.text.replace("frank and comprehensive", "frank and thorough")
    response = curator_client.patch(url, {"text": edited}, format="json")
    assert response.status_code == 400
    assert response.json()["text"] == [
        "Statement “lavrov-2017-04-12-frank-and-comprehensive”: the direct quote “frank and comprehensive,” does "
        "not occur in the source's text."
    ]
    source.refresh_from_db()
    assert (source.text, spans(source)) == (before_text, before_spans)

    moved = "A line added at the top.\n" + source.text
    response = curator_client.patch(url, {"text": moved}, format="json")
    assert response.status_code == 200
    source.refresh_from_db()
    assert source.text == moved
    shift = len("A line added at the top.\n")
    after = spans(source)
    assert all(
        after[slug][:2] == (start + shift, end + shift)
        for slug, (start, end, _, _) in before_spans.items()
        if start is not None
    )
    verified()
