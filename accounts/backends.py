"""A person's permissions, roles and the organisations each permission
reaches, read in one query per request, where Django's own backend spends two
on permissions alone. Roles are held in organisations (accounts.Membership);
a role group only says what its role may do. Not cached across requests: a
change of role holds on the next page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from accounts.models import Membership, Organisation


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _access(user_obj)["permissions"]
        return user_obj._perm_cache


def group_names(user) -> set[str]:
    """The roles a person holds, in any organisation."""
    return _access(user)["groups"]


def reach_of(user, permission: str) -> frozenset[int] | None:
    """The organisations in which the person holds `permission`: those where a
    role of theirs grants it and those they oversee. None means everywhere (a
    superuser, or a permission granted to the person directly)."""
    return _access(user)["reach"].get(permission, frozenset())


def _access(user) -> dict:
    """The person's permissions, roles and reach, from one query (one more
    for a superuser, who has every permission), read once for the user object."""
    if not hasattr(user, "_access_cache"):
        user._access_cache = _read_access(user)
    return user._access_cache


def _read_access(user) -> dict:
    """One query, written out: it runs on every signed-in request, and the
    ORM spends longer building this union than the database runs it. Its rows
    are the person's own permissions (granted everywhere), each membership's
    role and the permissions of that role's group, and every line of
    oversight between organisations (a few for each Commissioner's area)."""
    user_model = get_user_model()
    direct = user_model.user_permissions.through._meta.db_table
    granted = Group.permissions.through._meta.db_table
    permission = Permission._meta.db_table
    content_type = ContentType._meta.db_table
    group = Group._meta.db_table
    member = Membership._meta.db_table
    oversight = Organisation.oversees.through._meta.db_table
    sql = f"""
        SELECT 'own', NULL, NULL, ct.app_label, p.codename
          FROM {direct} d
          JOIN {permission} p ON p.id = d.permission_id
          JOIN {content_type} ct ON ct.id = p.content_type_id
         WHERE d.user_id = %s
        UNION ALL
        SELECT 'role', m.organisation_id, m.role, ct.app_label, p.codename
          FROM {member} m
          LEFT JOIN {group} g ON g.name = m.role
          LEFT JOIN {granted} gp ON gp.group_id = g.id
          LEFT JOIN {permission} p ON p.id = gp.permission_id
          LEFT JOIN {content_type} ct ON ct.id = p.content_type_id
         WHERE m.user_id = %s
        UNION ALL
        SELECT 'oversees', o.from_organisation_id,
               CAST(o.to_organisation_id AS VARCHAR(20)), NULL, NULL
          FROM {oversight} o
         WHERE EXISTS (SELECT 1 FROM {member} m WHERE m.user_id = %s)
    """  # noqa: S608 (table names from the models, the values as parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk, user.pk])
        rows = cursor.fetchall()
    edges: dict[int, set[int]] = {}
    for kind, overseer, overseen, _, _ in rows:
        if kind == "oversees":
            edges.setdefault(overseer, set()).add(int(overseen))
    everywhere = {f"{app}.{code}" for kind, _, _, app, code in rows if kind == "own"}
    reach: dict[str, frozenset[int] | None] = dict.fromkeys(everywhere)
    for kind, organisation, _, app, code in rows:
        name = f"{app}.{code}"
        if kind == "role" and code and name not in everywhere:
            held = reach.get(name) or frozenset()
            reach[name] = held | _reached(organisation, edges)
    groups = {role for kind, _, role, _, _ in rows if kind == "role"}
    permissions = set(reach)
    if user.is_superuser:
        permissions = {
            f"{app}.{code}"
            for app, code in Permission.objects.values_list(
                "content_type__app_label", "codename"
            )
        }
        reach = dict.fromkeys(permissions)
    return {"permissions": permissions, "groups": groups, "reach": reach}


def _reached(organisation: int, edges: dict[int, set[int]]) -> frozenset[int]:
    """The organisation and all it oversees, however many steps down."""
    seen, todo = {organisation}, [organisation]
    while todo:
        for overseen in edges.get(todo.pop(), ()):
            if overseen not in seen:
                seen.add(overseen)
                todo.append(overseen)
    return frozenset(seen)
