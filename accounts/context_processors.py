from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts import second_factor
from accounts.access import role_label


def signed_in_as(request: HttpRequest) -> dict[str, object]:
    return {
        "user_role": SimpleLazyObject(lambda: role_label(request.user)),
        # between the password and the second factor: the header offers only
        # signing out
        "second_factor_due": SimpleLazyObject(lambda: second_factor.is_due(request)),
    }
