"""Permissions and role group read once per data version, not on every request:
a signed-in page would otherwise spend two queries on permissions and one on
the role before doing any of its own work."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from pcc_panel.lib.freshness import data_version

CACHE_SECONDS = 60 * 60


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = f"permissions:{user_obj.pk}:{data_version()}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, CACHE_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def group_names(user) -> set[str]:
    key = f"groups:{user.pk}:{data_version()}"
    names = cache.get(key)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        cache.set(key, names, CACHE_SECONDS)
    return names
