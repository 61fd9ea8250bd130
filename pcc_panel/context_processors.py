from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.access import sees_sensitive, sees_unpublished
from pcc_panel.lib.freshness import data_version


def service(request: HttpRequest) -> dict[str, str]:
    return {
        "service_name": settings.SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
    }


def freshness(request: HttpRequest) -> dict[str, object]:
    """For {% cache %} keys: the data's version and what this person may see,
    read only if a template asks."""
    return {
        # with the day: what is published, due or overdue changes at midnight
        "data_version": SimpleLazyObject(
            lambda: f"{data_version()}-{timezone.localdate():%Y%m%d}"
        ),
        "data_seen": SimpleLazyObject(lambda: _seen(request.user)),
    }


def _seen(user) -> str:
    return f"{sees_unpublished(user):d}{sees_sensitive(user):d}"
