"""Sign-in that resists guessing: failed sign-ins to the admin are counted per username and per
address; past the limit, sign-in is refused for the cool-off period, even with the right password,
the event is logged, and an operator can lift it with a command."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import F

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"
LOCKED = "Account locked: too many login attempts. Please try again later."


@pytest.fixture
def editor() -> User:
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)


def sign_in(client, password: str, username: str = "editor", address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(client, editor, caplog):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    with caplog.at_level(logging.WARNING, logger="axes"):
        fifth = sign_in(client, "wrong")
    assert (fifth.status_code, fifth.content.decode().strip()) == (429, LOCKED)
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    refused = sign_in(client, PASSWORD)
    assert (refused.status_code, refused.content.decode().strip()) == (429, LOCKED)
    assert "_auth_user_id" not in client.session
    # The same username from another address is refused too, and another account from this address.
    assert sign_in(client, PASSWORD, address="198.51.100.9").status_code == 429
    User.objects.create_user("other", password=PASSWORD, is_staff=True)
    assert sign_in(client, PASSWORD, username="other").status_code == 429


def test_the_lockout_ends_after_the_cool_off_period(client, editor, settings):
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429
    # The cool-off period passes: the failures are now older than it.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = sign_in(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_an_operator_lifts_a_lockout_with_a_command(client, editor):
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", verbosity=0)
    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)
    response = sign_in(client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_right_password_before_the_limit_signs_in_and_clears_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
