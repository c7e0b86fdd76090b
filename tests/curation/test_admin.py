"""The curation admin: every model's pages load, and a bad quote is refused on its field."""

import pytest
from django.contrib.auth.models import User

from meetings.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("admin", "admin@example.org", "correct horse battery staple")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["meeting", "participant", "topic", "statement", "source"])
def test_changelist_search_and_add_pages_load(world, admin_client, model):
    assert admin_client.get(f"/admin/meetings/{model}/").status_code == 200
    assert admin_client.get(f"/admin/meetings/{model}/", {"q": "Lavrov"}).status_code == 200
    assert admin_client.get(f"/admin/meetings/{model}/add/").status_code == 200


def test_meeting_change_page_has_participant_outcome_and_statement_inlines(world, admin_client):
    response = admin_client.get(f"/admin/meetings/meeting/{world['talks'].pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    for prefix in ("participations-TOTAL_FORMS", "outcomes-TOTAL_FORMS", "statements-TOTAL_FORMS"):
        assert f'name="{prefix}"' in html


def test_statement_page_shows_the_span_and_highlights_the_quote(world, admin_client):
    frank = world["frank"]
    html = admin_client.get(f"/admin/meetings/statement/{frank.pk}/change/").content.decode()
    assert f"{frank.span_start}–{frank.span_end}" in html
    assert "<mark>frank and comprehensive</mark>" in html
    assert 'name="span_start"' not in html  # found by the system, never typed


def test_participant_search_finds_other_spellings(world, admin_client):
    response = admin_client.get("/admin/meetings/participant/", {"q": "Sergei"})
    assert response.context["cl"].result_count == 1


def test_autocomplete_answers_for_participants(world, admin_client):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "meetings", "model_name": "statement", "field_name": "speaker", "term": "Lav"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(world["lavrov"].pk), "text": "Sergey Lavrov"}]


def test_autocomplete_answers_for_sources(world, admin_client):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "meetings", "model_name": "statement", "field_name": "source", "term": "Till"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(world["source"].pk), "text": "Tillerson Visits Moscow"}]


def _statement_form(world, text: str) -> dict:
    return {
        "slug": "",
        "speaker": world["lavrov"].pk,
        "source": world["source"].pk,
        "kind": "direct_quote",
        "text": text,
        "occurrence": 1,
        "said_on_precision": "unknown",
        "channel": "unknown",
        "review_status": "draft",
    }


def test_adding_a_quote_not_in_the_source_shows_the_error_on_the_text_and_saves_nothing(world, admin_client):
    response = admin_client.post("/admin/meetings/statement/add/", _statement_form(world, "We never met."))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "text": ["Statement by Sergey Lavrov: the direct quote “We never met.” does not occur in the source's text."]
    }
    assert Statement.objects.count() == 3


def test_adding_a_verbatim_quote_saves_it_with_its_span(world, admin_client):
    response = admin_client.post("/admin/meetings/statement/add/", _statement_form(world, "frank and\ncomprehensive"))
    assert response.status_code == 302
    statement = Statement.objects.latest("pk")
    assert world["source"].text[statement.span_start : statement.span_end] == "frank and comprehensive"


def test_adding_the_same_source_text_twice_is_refused(world, admin_client):
    response = admin_client.post(
        "/admin/meetings/source/add/",
        {"slug": "copy", "title": "Copy", "kind": "news_report", "language": "en", "text": world["source"].text},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "text": ["This text is already stored as source “tillerson-visits-moscow”."]
    }


def _form_data(form) -> dict:
    """What a browser sends back for ``form`` unchanged: each field's current value as text."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(item) for item in value]
        elif value is not None and value is not False:
            data[form.add_prefix(name)] = "on" if value is True else str(value)
    return data


def _change_form_data(response) -> dict:
    """The change page's main form and inline formsets as a browser would post them back unchanged."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


def test_a_meeting_cannot_become_part_of_its_own_session_in_the_admin(world, admin_client):
    visit, talks = world["visit"], world["talks"]
    url = f"/admin/meetings/meeting/{visit.pk}/change/"
    data = {**_change_form_data(admin_client.get(url)), "parent": str(talks.pk)}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"parent": ["A meeting cannot be part of itself."]}
    visit.refresh_from_db()
    assert visit.parent is None


def test_an_unchanged_meeting_form_saves(world, admin_client):
    """The form data above is what the admin accepts: without the cycle it saves."""
    url = f"/admin/meetings/meeting/{world['visit'].pk}/change/"
    response = admin_client.post(url, _change_form_data(admin_client.get(url)))
    assert response.status_code == 302


def test_the_admin_is_named_for_the_product(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "<title>Curated data | Diplomatic Meetings curation</title>" in html
    assert "Diplomatic Meetings curation" in html and "Django administration" not in html
