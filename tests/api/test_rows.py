"""Lists and details read as rows (meetings.api.rows) answer exactly what model instances give the same forms.

The read forms define every payload; rows only change how the records are read. Each request below is
answered twice, once read as rows and once from model instances, and the bodies must be the same
bytes: for every field of each form alone (``fields=``) and left out (``omit=``), every expansion, and
for the public and a curator (who sees drafts), on whichever database the suite runs on.
"""

import pytest
from django.core.cache import cache

from meetings.api import field_selection, rows
from meetings.api.views import CuratedViewSet, MeetingViewSet, StatementViewSet
from meetings.choices import ReviewStatus

from ..factories import MeetingFactory, StatementFactory


def _names(form_class) -> list[str]:
    """Every field of a form, and of the forms it nests, as dotted paths."""
    names = []
    for name, field in form_class().fields.items():
        names.append(name)
        nested = field_selection._form(field)
        if nested is not None:
            names += [f"{name}.{inner}" for inner in nested.fields]
    return names


def _shapes(form_class, expansions) -> list[dict]:
    shapes: list[dict] = [{}]
    for name in _names(form_class):
        shapes.append({"fields": name})
        if "." not in name:
            shapes.append({"omit": name})
    for name in expansions:
        shapes += [{"expand": name}, {"expand": name, "fields": name}]
    if expansions:
        shapes.append({"expand": ",".join(expansions)})
    return shapes


RESOURCES = {"meeting": ("/api/v1/meetings/", MeetingViewSet), "statement": ("/api/v1/statements/", StatementViewSet)}


@pytest.fixture
def drafts(world):
    """A draft meeting with the visit as its parent, and a draft statement someone relayed."""
    draft = MeetingFactory(
        slug="draft-session", title="A draft session", parent=world["visit"], topics=[world["syria"]]
    )
    StatementFactory(
        slug="putin-relayed",
        speaker=world["putin"],
        via=world["lavrov"],
        meeting=world["visit"],
        source=world["source"],
        text="frank and comprehensive",
        review_status=ReviewStatus.DRAFT,
    )
    return draft


@pytest.mark.parametrize("who", ["public", "curator"])
@pytest.mark.parametrize("form", ["list", "detail"])
@pytest.mark.parametrize("resource", list(RESOURCES))
def test_rows_answer_what_model_instances_answer(
    resource, form, who, world, drafts, api_client, curator_client, monkeypatch
):
    client = curator_client if who == "curator" else api_client
    url, viewset = RESOURCES[resource]
    if form == "detail":
        url += f"{world['visit'].slug if resource == 'meeting' else world['frank'].pk}/"
    form_class = viewset.list_serializer_class if form == "list" else viewset.detail_serializer_class
    shapes = _shapes(form_class, viewset.expansions)
    if who == "curator":  # the drafts: the whole form and every expansion are enough
        shapes = [{}, *shapes[-1:]]
    for shape in shapes:
        if who == "curator" and form == "list":  # a list shows a curator's drafts when asked to
            shape = {**shape, "review_status": "all"}
        cache.clear()
        as_rows = client.get(url, shape)
        assert as_rows.status_code == 200, (shape, as_rows.content)
        with monkeypatch.context() as patched:
            patched.setattr(CuratedViewSet, "row_reader", lambda view, many: None)
            cache.clear()
            as_instances = client.get(url, shape)
        assert as_rows.content == as_instances.content, shape


def test_rows_are_what_the_lists_and_details_read(world, api_client, monkeypatch):
    """Guards the comparison above: the rows path is the one taken, so the two answers do differ in how."""
    calls = []
    real = rows.Reader.forms
    monkeypatch.setattr(rows.Reader, "forms", lambda *args: calls.append(args) or real(*args))
    for url in ("/api/v1/meetings/", f"/api/v1/meetings/{world['visit'].slug}/", "/api/v1/statements/"):
        assert api_client.get(url).status_code == 200
    assert len(calls) == 3
