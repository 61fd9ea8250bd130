from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.access import role_label


def signed_in_as(request: HttpRequest) -> dict[str, object]:
    return {"user_role": SimpleLazyObject(lambda: role_label(request.user))}
