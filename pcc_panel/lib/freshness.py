"""One number that changes whenever the domain's data does, so that cached
pages can key on it and never serve what a save has made stale.

Every save or delete of a model in the domain's apps bumps it at once and
again when its transaction commits. Queryset .update() and bulk_create() send
no signals:
generate_data, which uses bulk_create(), calls bump_data_version() itself."""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

KEY = "pcc-panel:data-version"
# auth: groups and their permissions, which cached permissions depend on
DOMAIN_APPS = {"accounts", "actions", "auth", "governance", "inspections", "reports"}


# Within a request the version is read once (DataVersionMiddleware), unless the
# request itself changes something.
_read_in_request: ContextVar[dict | None] = ContextVar("data_version", default=None)


def data_version() -> int:
    memo = _read_in_request.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, _fresh(), timeout=None)
        version = cache.get(KEY)
    if memo is not None:
        memo["version"] = version
    return version


def bump_data_version() -> None:
    memo = _read_in_request.get()
    if memo is not None:
        memo.clear()
    try:
        cache.incr(KEY)
    except ValueError:  # evicted or never set: a number no cached page has used
        cache.add(KEY, _fresh(), timeout=None)


class DataVersionMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _read_in_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_in_request.reset(token)


def _fresh() -> int:
    return time.time_ns()


def _changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return  # signing in changes nothing anyone reads
    if sender._meta.app_label in DOMAIN_APPS:
        # Now, for what this transaction reads next, and again once it commits,
        # so that nothing another request cached meanwhile outlives the commit.
        bump_data_version()
        transaction.on_commit(bump_data_version)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"freshness-{signal}")
