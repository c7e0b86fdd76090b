"""Every hand-written read form gives exactly what DRF's own ModelSerializer gives on the same records.

``ReadModelSerializer`` writes representations with readers made once per serializer instead of
DRF's per-field calls. Here each read form serializes the same records twice, once through its
readers and once through ``ModelSerializer.to_representation`` (nested forms included), so that
the fast path is held to DRF's output whatever DRF version is installed.
"""

import pytest
from rest_framework import serializers

from meetings import analysis, selectors
from meetings.api.analysis import serializers as analysis_forms
from meetings.api.representation import ReadModelSerializer
from meetings.dumps.public import ExportMeetingSerializer
from meetings.models import Meeting, MeetingParticipant, Outcome, Statement

pytestmark = pytest.mark.django_db


def _every_read_form() -> list[type]:
    found, pending = [], [ReadModelSerializer]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return sorted(set(found), key=lambda form: form.__qualname__)


# The records each form is given: what the endpoints that use it load, annotations included.
RECORDS = {
    "Participant": lambda world: selectors.participants(),
    "Topic": lambda world: selectors.topics(),
    "Source": lambda world: selectors.source_detail(),
    "Meeting": lambda world: selectors.meeting_detail(),
    "Statement": lambda world: selectors.statements(),
    "MeetingParticipant": lambda world: MeetingParticipant.objects.select_related("participant"),
    "Outcome": lambda world: Outcome.objects.select_related("source"),
    "CounterpartSerializer": lambda world: analysis.counterparts(world["lavrov"], Meeting.objects.all()),
    "NetworkNodeSerializer": lambda world: analysis.network(Meeting.objects.all())["nodes"],
    "SourceSpanSerializer": lambda world: Statement.objects.filter(span_start__isnull=False).select_related("speaker"),
}


def _records(form: type, world) -> list:
    load = RECORDS.get(form.__name__) or RECORDS[form.Meta.model.__name__]
    return list(load(world))


def test_the_read_forms_found_are_the_api_s_and_the_export_s():
    names = {form.__name__ for form in _every_read_form()}
    assert {
        "MeetingListSerializer",
        "StatementSerializer",
        "CounterpartSerializer",
        "TimelineMeetingSerializer",
    } <= names
    assert ExportMeetingSerializer in _every_read_form()
    assert analysis_forms.NetworkNodeSerializer in _every_read_form()


@pytest.mark.parametrize("form", _every_read_form(), ids=lambda form: form.__name__)
def test_a_read_form_gives_what_drf_gives(world, monkeypatch, form):
    records = _records(form, world)
    assert records, f"no records to compare {form.__name__} on"
    fast = form(records, many=True).data

    monkeypatch.setattr(ReadModelSerializer, "to_representation", serializers.ModelSerializer.to_representation)
    through_drf = form(records, many=True).data

    assert fast == through_drf
