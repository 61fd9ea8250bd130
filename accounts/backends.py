"""Permissions and role group read once per data version, not on every request:
a signed-in page would otherwise spend two queries on permissions and one on
the role before doing any of its own work."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import CharField, Value

from pcc_panel.lib.freshness import data_version

CACHE_SECONDS = 60 * 60


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _access(user_obj)["permissions"]
        return user_obj._perm_cache


def group_names(user) -> set[str]:
    return _access(user)["groups"]


def _access(user) -> dict[str, set[str]]:
    """The person's permissions and role groups, from one query (one more for
    a superuser, who has every permission), cached per data version."""
    key = f"access:{user.pk}:{data_version()}"
    found = cache.get(key)
    if found is None:
        found = _read_access(user)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _read_access(user) -> dict[str, set[str]]:
    direct = (
        Permission.objects.filter(user=user)
        .annotate(group_name=Value(None, output_field=CharField()))
        .values_list("group_name", "content_type__app_label", "codename")
        .order_by()
    )
    through_groups = (
        Group.objects.filter(user=user)
        .values_list(
            "name", "permissions__content_type__app_label", "permissions__codename"
        )
        .order_by()
    )
    rows = list(direct.union(through_groups, all=True))
    groups = {group for group, _, _ in rows if group}
    permissions = {f"{app}.{code}" for _, app, code in rows if code}
    if user.is_superuser:
        permissions = {
            f"{app}.{code}"
            for app, code in Permission.objects.values_list(
                "content_type__app_label", "codename"
            )
        }
    return {"permissions": permissions, "groups": groups}
