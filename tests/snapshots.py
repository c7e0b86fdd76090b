"""Whole-database snapshots, to prove that a refused request changed nothing.

A snapshot holds every row, every column, of every table the curated data lives in: the
curated models, their many-to-many tables, their history and the data version, all found
from the app registry, so a model added later is covered without editing this list.
"""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token


def curated_models() -> list:
    """Every model of the meetings app, with the many-to-many tables and the history models."""
    return sorted(apps.get_app_config("meetings").get_models(include_auto_created=True), key=lambda m: m._meta.label)


def rows(model) -> list[tuple]:
    """Every row of ``model``'s table, every column, in primary-key order."""
    return list(model._base_manager.order_by("pk").values_list())


def snapshot(*, accounts: bool = False) -> dict[str, list[tuple]]:
    """Every row of every curated table; with ``accounts``, also users, groups, tokens and the admin's log."""
    models = curated_models() + ([User, Group, Token, LogEntry] if accounts else [])
    return {model._meta.label: rows(model) for model in models}


def differences(before: dict, after: dict) -> dict[str, dict]:
    """What changed between two snapshots, table by table: the rows that went and the rows that came."""
    changed = {}
    for table in before.keys() | after.keys():
        # As text: a row may hold a list (a JSON column), which a set cannot.
        old, new = set(map(repr, before.get(table, []))), set(map(repr, after.get(table, [])))
        if old != new:
            changed[table] = {"removed": sorted(old - new), "added": sorted(new - old)}
    return changed
