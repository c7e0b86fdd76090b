"""Who may change what: every write of the API and of the admin, for every kind of account.

The roles: an anonymous client; a signed-in account without permissions; a staff account
outside the curators group; a curator (a staff account in the `curators` group that the
migrations create); a superuser. Only curators and superusers may change curated data.

Every refused attempt gets its exact answer (401 or 403 with DRF's body in the API; a
redirect to the login page or a 403 in the admin) and leaves every table as it was. Every
allowed one succeeds, and the change is seen through the API.
"""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from rest_framework.test import APIClient

from meetings.models import Meeting, Participant, Source, Statement, Topic
from tests.factories import MeetingFactory, ParticipantFactory, SourceFactory, StatementFactory
from tests.snapshots import differences, snapshot

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "staff", "curator", "superuser"]
MAY_CURATE = {"curator", "superuser"}

NOT_AUTHENTICATED = {"detail": "Authentication credentials were not provided."}
NOT_PERMITTED = {"detail": "You do not have permission to perform this action."}


@pytest.fixture
def account(request, db) -> User | None:
    role = request.param
    if role == "anonymous":
        return None
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.org", "correct horse battery staple")
    user = User.objects.create_user(role, password="correct horse battery staple", is_staff=role != "reader")
    if role == "curator":
        user.groups.add(Group.objects.get(name="curators"))
    return user


def _role(account: User | None) -> str:
    return "anonymous" if account is None else account.username if not account.is_superuser else "superuser"


@pytest.fixture
def extra(world):
    """Records no other record refers to, so that deleting them is allowed; drafts to verify."""
    return {
        "participant": ParticipantFactory(slug="ghost", name="A ghost"),
        "source": SourceFactory(
            slug="new-quote", title="A new quote", text='"We will meet again soon," Lavrov said after the talks.'
        ),
        "draft_meeting": MeetingFactory(
            slug="draft-meeting", title="A draft meeting", sources=[world["source"]], review_status="draft"
        ),
        "draft_statement": StatementFactory(
            slug="draft-statement",
            speaker=world["tillerson"],
            source=world["source"],
            kind="paraphrase",
            text="Tillerson called them productive",
            review_status="draft",
            verified_at=None,
        ),
    }


# ================================================================ the API

# For each resource: a body to create one, the record that PUT, PATCH and DELETE aim at (by its
# key in `world` or `extra`), a full body to replace it, and a change to make to it.
API = {
    "participants": {
        "create": {"slug": "john-bolton", "name": "John Bolton", "kind": "person", "country": "US"},
        "target": ("extra", "participant", "slug"),
        "replace": {"slug": "ghost", "name": "A ghost, renamed", "kind": "person"},
        "change": {"position": "Adviser"},
    },
    "topics": {
        "create": {"slug": "arms-control", "name": "Arms control"},
        "target": ("world", "ukraine", "slug"),
        "replace": {"slug": "ukraine", "name": "Ukraine and Crimea"},
        "change": {"description": "The war in Ukraine."},
    },
    "sources": {
        "create": {"slug": "new", "title": "New", "kind": "news_report", "text": "Fresh text."},
        "target": ("extra", "source", "slug"),
        "replace": {
            "slug": "new-quote",
            "title": "A new quote, retitled",
            "kind": "opinion",
            "text": '"We will meet again soon," Lavrov said after the talks.',
        },
        "change": {"publisher": "Sputnik"},
    },
    "meetings": {
        "create": {"slug": "new-meeting", "title": "New", "kind": "talks", "sources": ["tillerson-visits-moscow"]},
        "target": ("world", "planned", "slug"),
        "replace": {
            "slug": "minsk-follow-up",
            "title": "Minsk follow-up",
            "kind": "summit",
            "status": "planned",
            "sources": ["tillerson-visits-moscow"],
        },
        "change": {"city": "Minsk"},
    },
    "statements": {
        "create": {
            "speaker": "sergey-lavrov",
            "source": "tillerson-visits-moscow",
            "kind": "paraphrase",
            "text": "Something.",
        },
        "target": ("world", "productive", "pk"),
        "replace": {
            "speaker": "rex-tillerson",
            "source": "tillerson-visits-moscow",
            "kind": "paraphrase",
            "text": "Tillerson called them productive",
            "channel": "press_conference",
        },
        "change": {"channel": "interview"},
    },
}


def _api_client(account: User | None) -> APIClient:
    client = APIClient()
    if account is not None:
        client.force_authenticate(account)
    return client


def _target_url(resource: str, world, extra) -> str:
    where, name, key = API[resource]["target"]
    record = (world if where == "world" else extra)[name]
    return f"/api/v1/{resource}/{getattr(record, key)}/"


def _api_writes(resource: str, world, extra):
    """The four writes, as (method, url, body, status when allowed, what the change looks like through the API)."""
    spec, url = API[resource], _target_url(resource, world, extra)
    return [
        ("post", f"/api/v1/{resource}/", spec["create"], 201, spec["create"]),
        ("put", url, spec["replace"], 200, spec["replace"]),
        ("patch", url, spec["change"], 200, spec["change"]),
        ("delete", url, None, 204, None),
    ]


def _seen_through_the_api(reader: APIClient, url: str, expected: dict | None) -> None:
    response = reader.get(url)
    if expected is None:
        assert response.status_code == 404, url
        return
    assert response.status_code == 200, url
    body = response.json()
    shown = {name: body[name] for name in expected}
    for name in ("speaker", "source"):  # shown nested, written as slugs
        if isinstance(shown.get(name), dict):
            shown[name] = shown[name]["slug"]
    if isinstance(shown.get("sources"), list):
        shown["sources"] = [source["slug"] for source in shown["sources"]]
    assert shown == expected, url


@pytest.mark.parametrize("account", ROLES, indirect=True)
@pytest.mark.parametrize("resource", list(API))
def test_api_writes(world, extra, account, resource, chief):
    role, client = _role(account), _api_client(account)
    superuser = _api_client(chief)  # sees drafts, so a new draft meeting or statement can be looked at
    for method, url, body, allowed_status, change in _api_writes(resource, world, extra):
        before = snapshot(accounts=True)
        response = getattr(client, method)(url, body, format="json")
        where = (role, method, url)
        if role in MAY_CURATE:
            assert response.status_code == allowed_status, (*where, response.content[:300])
            location = response["Location"] if method == "post" else url
            _seen_through_the_api(superuser, location, change)
            continue
        if role == "anonymous":
            assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED), where
            assert response["WWW-Authenticate"] == "Token"
        else:
            assert (response.status_code, response.json()) == (403, NOT_PERMITTED), where
        assert differences(before, snapshot(accounts=True)) == {}, where


# ================================================================ the admin

ADMIN_MODELS = {
    "source": Source,
    "participant": Participant,
    "topic": Topic,
    "meeting": Meeting,
    "statement": Statement,
}


def _admin_targets(world, extra) -> dict:
    """The record each model's change and delete pages are tried on (deletable: nothing refers to it)."""
    return {
        "source": extra["source"],
        "participant": extra["participant"],
        "topic": world["ukraine"],
        "meeting": world["planned"],
        "statement": world["productive"],
    }


def _additions(world) -> dict:
    """What the add form is filled with, per model, on top of the form's own defaults."""
    return {
        "source": {"slug": "added", "title": "Added", "kind": "news_report", "text": "An added article."},
        "participant": {"slug": "added", "name": "Added", "kind": "person"},
        "topic": {"slug": "added", "name": "Added"},
        "meeting": {"slug": "added", "title": "Added", "kind": "talks", "sources": [world["source"].pk]},
        "statement": {
            "slug": "added",
            "speaker": world["lavrov"].pk,
            "source": world["source"].pk,
            "kind": "paraphrase",
            "text": "Something added.",
        },
    }


CHANGES = {  # one field changed on the change page
    "source": ("title", "Retitled"),
    "participant": ("name", "Renamed"),
    "topic": ("name", "Renamed"),
    "meeting": ("title", "Retitled"),
    "statement": ("channel", "interview"),
}


def _form_data(response) -> dict:
    """What a browser would post back from an admin form page as it stands, inlines included."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def _admin_client(account: User | None) -> Client:
    client = Client()
    if account is not None:
        client.force_login(account)
    return client


@pytest.fixture
def chief(db) -> User:
    """A superuser to read the forms as they stand and to check the results through the API."""
    return User.objects.create_superuser("editor-in-chief", "chief@example.org", "correct horse battery staple")


def _refused(response, role: str, path: str) -> None:
    """Not signed in as staff: to the login page; staff without the permission: 403."""
    if role in {"anonymous", "reader"}:
        assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={path}"), (role, path)
    else:
        assert response.status_code == 403, (role, path, response.status_code)


@pytest.mark.parametrize("account", ROLES, indirect=True)
@pytest.mark.parametrize("model", list(ADMIN_MODELS))
def test_admin_add_change_and_delete(world, extra, account, model, chief):
    role, browser, api = _role(account), _admin_client(account), _api_client(chief)
    superuser_browser = _admin_client(chief)
    target = _admin_targets(world, extra)[model]
    add_path = f"/admin/meetings/{model}/add/"
    change_path = f"/admin/meetings/{model}/{target.pk}/change/"
    delete_path = f"/admin/meetings/{model}/{target.pk}/delete/"
    added = {**_form_data(superuser_browser.get(add_path)), **_additions(world)[model]}
    name, value = CHANGES[model]
    changed = {**_form_data(superuser_browser.get(change_path)), name: value}

    attempts = [
        ("get", add_path, None, 200),
        ("post", add_path, added, 302),
        ("get", change_path, None, 200),
        ("post", change_path, changed, 302),
        ("get", delete_path, None, 200),
        ("post", delete_path, {"post": "yes"}, 302),
    ]
    for method, path, data, allowed_status in attempts:
        before = snapshot(accounts=True)
        response = getattr(browser, method)(path, data)
        if role not in MAY_CURATE:
            _refused(response, role, path)
            assert differences(before, snapshot(accounts=True)) == {}, (role, method, path)
            continue
        assert response.status_code == allowed_status, (role, method, path, _errors(response))
        if method == "post" and path == add_path:
            record = ADMIN_MODELS[model]._base_manager.get(slug="added")
            assert api.get(_api_url(record)).status_code == 200
        elif method == "post" and path == change_path:
            assert api.get(_api_url(target)).json()[name] == value
        elif method == "post":
            assert api.get(_api_url(target)).status_code == 404
            assert not ADMIN_MODELS[model]._base_manager.filter(pk=target.pk).exists()


def _api_url(record) -> str:
    return record.get_absolute_url()


def _errors(response):
    context = getattr(response, "context", None)
    if response.status_code == 200 and context and "adminform" in context:
        return context["adminform"].form.errors, [f.errors for f in context.get("inline_admin_formsets", [])]
    return response.status_code


# ---------------------------------------------------------------- admin actions


def _action_cases(world, extra) -> list[tuple[str, str, list, Callable]]:
    """(model, action, selected records, check after success)."""

    def verified(record):
        record.refresh_from_db()
        return record.review_status == "verified" and record.verified_by is not None

    def draft(record):
        record.refresh_from_db()
        return record.review_status == "draft"

    def gone(record):
        return not type(record)._base_manager.filter(pk=record.pk).exists()

    def suggested(source):
        return Statement.objects.filter(source=source, review_status="draft").exists()

    cases = [
        ("meeting", "mark_verified", [extra["draft_meeting"]], verified),
        ("statement", "mark_verified", [extra["draft_statement"]], verified),
        ("meeting", "mark_draft", [world["talks"]], draft),
        ("statement", "mark_draft", [world["frank"]], draft),
        ("source", "suggest_statements_action", [extra["source"]], suggested),
    ]
    for model, record in _admin_targets(world, extra).items():
        cases.append((model, "delete_selected", [record], gone))
    return cases


ACTIONS = [
    ("meeting", "mark_verified"),
    ("statement", "mark_verified"),
    ("meeting", "mark_draft"),
    ("statement", "mark_draft"),
    ("source", "suggest_statements_action"),
    *[(model, "delete_selected") for model in ADMIN_MODELS],
]


@pytest.mark.parametrize("account", ROLES, indirect=True)
@pytest.mark.parametrize(("model", "action"), ACTIONS, ids=[f"{m}-{a}" for m, a in ACTIONS])
def test_admin_actions(world, extra, account, model, action):
    role, browser = _role(account), _admin_client(account)
    case = next(c for c in _action_cases(world, extra) if c[:2] == (model, action))
    _, _, selected, succeeded = case
    path = f"/admin/meetings/{model}/"
    data = {"action": action, "_selected_action": [record.pk for record in selected]}
    if action == "delete_selected":
        data["post"] = "yes"  # the confirmation
    before = snapshot(accounts=True)
    response = browser.post(path, data)
    if role not in MAY_CURATE:
        _refused(response, role, path)
        assert differences(before, snapshot(accounts=True)) == {}, role
        return
    assert (response.status_code, response["Location"]) == (302, path), role
    assert all(succeeded(record) for record in selected), (role, model, action)


def test_the_action_lists_offer_each_role_what_it_may_do(world, extra):
    """Curators are offered every action; the suggester only to who may add statements."""
    curator = User.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    browser = _admin_client(curator)
    offered = {
        model: sorted(browser.get(f"/admin/meetings/{model}/").context["action_form"].fields["action"].choices)
        for model in ADMIN_MODELS
    }
    names = {model: [name for name, _label in choices if name] for model, choices in offered.items()}
    assert names == {
        "source": ["delete_selected", "suggest_statements_action"],
        "participant": ["delete_selected"],
        "topic": ["delete_selected"],
        "meeting": ["delete_selected", "mark_draft", "mark_verified"],
        "statement": ["delete_selected", "mark_draft", "mark_verified"],
    }
