"""A person's permissions, roles and the organisations each permission
reaches, read in the same query as the person (CachedModelBackend.get_user),
where Django's own backend spends one on the person and two on permissions.
Roles are held in organisations (accounts.Membership); a role group only says
what its role may do. Not cached across requests: a
change of role holds on the next page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import Membership, Organisation


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        """The signed-in person and their access in one query, so that a
        signed-in page spends one query on who is asking, not two: a row of
        the person's columns, then the access rows with those columns empty
        (a chief officer has a hundred or so, and reading the person's
        timestamps again on each cost about 0.4 ms a page)."""
        user_model = get_user_model()
        try:
            pk = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        fields = list(user_model._meta.concrete_fields)
        quote = connection.ops.quote_name
        columns = ", ".join(f"u.{quote(str(f.column))}" for f in fields)
        empty = ", ".join("NULL" for _ in fields)
        sql = f"""
            SELECT {columns}, NULL, NULL, NULL, NULL, NULL
              FROM {quote(user_model._meta.db_table)} u
             WHERE u.{quote(str(user_model._meta.pk.column))} = %s
            UNION ALL
            SELECT {empty}, a.kind, a.organisation, a.detail, a.app, a.code
              FROM ({_access_sql()}) a
        """  # noqa: S608 (table and column names from the models)
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk, pk, pk, pk])
            rows = cursor.fetchall()
        width = len(fields)
        person = next((row for row in rows if row[width] is None), None)
        if person is None:
            return None
        values = [
            _from_db(field, value)
            for field, value in zip(fields, person[:width], strict=True)
        ]
        user = user_model.from_db(connection.alias, [f.attname for f in fields], values)
        user._access_rows = [  # type: ignore[attr-defined]
            row[width:] for row in rows if row[width] is not None
        ]
        return user if self.user_can_authenticate(user) else None

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
        rows = getattr(user, "_access_rows", None)
        user._access_cache = (
            _read_access(user) if rows is None else _access_from(user, rows)
        )
    return user._access_cache


def _read_access(user) -> dict:
    """The access rows of a person whose object was not loaded by get_user
    (a test's force_login, a command): the same query, on its own."""
    with connection.cursor() as cursor:
        cursor.execute(_access_sql(), [user.pk, user.pk, user.pk])
        return _access_from(user, cursor.fetchall())


def _access_sql() -> str:
    """One query, written out: it runs on every signed-in request, and the
    ORM spends longer building this union than the database runs it. Its rows
    are the person's own permissions (granted everywhere), each membership's
    role and the permissions of that role's group, and every line of
    oversight between organisations (a few for each Commissioner's area).
    Its columns: kind, organisation, detail (a role, or the organisation
    overseen), app and code (a permission)."""
    user_model = get_user_model()
    direct = user_model.user_permissions.through._meta.db_table
    granted = Group.permissions.through._meta.db_table
    permission = Permission._meta.db_table
    content_type = ContentType._meta.db_table
    group = Group._meta.db_table
    member = Membership._meta.db_table
    oversight = Organisation.oversees.through._meta.db_table
    return f"""
        SELECT 'own' AS kind, NULL AS organisation, NULL AS detail,
               ct.app_label AS app, p.codename AS code
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


def _from_db(field, value):
    """A column's value as the ORM would give it (SQLite's dates are text)."""
    column = field.get_col(field.model._meta.db_table)
    converters = connection.ops.get_db_converters(column)
    for converter in converters + field.get_db_converters(connection):
        value = converter(value, column, connection)
    return value


def _access_from(user, rows) -> dict:
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
