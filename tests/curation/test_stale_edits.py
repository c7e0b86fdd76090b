"""The admin refuses a change form whose record someone else changed since it was opened, says who and
when, saves nothing, and keeps the curator's input on the page."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from meetings.models import Topic

from .test_admin import _change_form_data

pytestmark = pytest.mark.django_db


def test_a_form_opened_before_another_curators_save_is_refused_and_keeps_the_input(world, admin_client):
    topic = Topic.objects.get(slug="syria")
    url = f"/admin/meetings/topic/{topic.pk}/change/"
    mine = _change_form_data(admin_client.get(url))  # opened now

    # Meanwhile another curator saves the same topic through the admin.
    other = User.objects.create_superuser("colleague", "colleague@example.org", "pw")
    theirs = _change_form_data(admin_client.get(url))
    theirs["description"] = "Their description."
    admin_client.force_login(other)
    assert admin_client.post(url, theirs).status_code == 302
    changed = Topic.objects.get(slug="syria")

    admin_client.force_login(User.objects.get(username="admin"))
    mine["description"] = "My description."
    response = admin_client.post(url, mine)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == [
        f"This topic was changed by colleague at {timezone.localtime(changed.updated_at):%Y-%m-%d %H:%M:%S}, after you "
        "opened this form; nothing was saved. Your input is still below: keep a copy of it, reload the page to see "
        "their change, and apply yours again."
    ]
    assert form["description"].value() == "My description."
    assert Topic.objects.get(slug="syria").description == "Their description."

    # A form opened after their change saves.
    fresh = _change_form_data(admin_client.get(url))
    fresh["description"] = "My description."
    assert admin_client.post(url, fresh).status_code == 302
    assert Topic.objects.get(slug="syria").description == "My description."
