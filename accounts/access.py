"""What a person may see and do, and where: from the roles they hold in
organisations (accounts.Membership). Role groups carry each role's permissions
(see the role-groups migration); these helpers name the questions."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest

from accounts.backends import group_names, reach_of
from accounts.models import User
from accounts.roles import Role

AnyUser = User | AnonymousUser


def sees_unpublished(user: AnyUser) -> bool:
    return user.has_perm("inspections.view_unpublished")


def sees_sensitive(user: AnyUser) -> bool:
    return user.has_perm("inspections.view_sensitive")


def sees_action_plans(user: AnyUser) -> bool:
    return user.has_perm("actions.view_action")


def require_action_plans(user: AnyUser) -> None:
    if not sees_action_plans(user):
        raise PermissionDenied("Your account has no role that reads action plans.")


EVERYWHERE = None


def reach(user: AnyUser, permission: str) -> frozenset[int] | None:
    """The organisations in which the person may use `permission` (None:
    everywhere). Nowhere for someone not signed in."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return EVERYWHERE
    return reach_of(user, permission)


def may_in(user: AnyUser, permission: str, organisation: int | None) -> bool:
    """Whether the person holds `permission` in that organisation."""
    reached = reach(user, permission)
    return reached is EVERYWHERE or organisation in reached


# Whose a row is: the lookup of its organisation ("force__organisation"), or,
# where a row may belong to several (a thematic inspection), a function from
# organisation ids to the condition that the row belongs to one of them.
Whose = str | Callable[[list[int]], Q]


def belongs_to(whose: Whose, organisations: list[int]) -> Q:
    if callable(whose):
        return whose(organisations)
    return Q(**{f"{whose}__in": organisations})


def unless_held(
    user: AnyUser,
    permission: str,
    rule: Q,
    organisation: Whose,
    within: str | None = None,
) -> Q:
    """`rule`, except in the organisations (see Whose) where the person holds
    `permission`: "published, unless you may see unpublished inspections of
    this force". `within` names the permission that the rows are already
    limited to (only_where_held, same organisation): where `permission`
    reaches at least as far, every such row is exempt and the rule falls away."""
    reached = reach(user, permission)
    if reached is EVERYWHERE:
        return Q()
    if within is not None:
        limit = reach(user, within)
        if limit is not EVERYWHERE and limit <= reached:
            return Q()
    if not reached:
        return rule
    return rule | belongs_to(organisation, sorted(reached))


def unless_each_held(user: AnyUser, organisation: Whose, *rules: tuple[str, Q]) -> Q:
    """Each (permission, rule) as unless_held gives it, for rows of one
    organisation. Rules whose permissions reach the same organisations share
    one exemption, since (a | x) & (b | x) is (a & b) | x: the same rows, with
    one test of whose the row is rather than one for each rule (for a
    thematic inspection that test is a subquery, and the planner and the ORM
    pay for each copy on every page that lists actions)."""
    by_reach: dict[frozenset[int], Q] = {}
    for permission, rule in rules:
        reached = reach(user, permission)
        if reached is EVERYWHERE:
            continue
        held = frozenset(reached)
        by_reach[held] = by_reach[held] & rule if held in by_reach else rule
    combined = Q()
    for reached, rule in by_reach.items():
        combined &= (
            rule | belongs_to(organisation, sorted(reached)) if reached else rule
        )
    return combined


def only_where_held(user: AnyUser, permission: str, organisation: Whose) -> Q:
    """Rows of the organisations where the person holds `permission`. Q()
    when that is everywhere: combine it with &, never with | (Django drops an
    empty Q from an OR, which would leave only the other side)."""
    reached = reach(user, permission)
    if reached is EVERYWHERE:
        return Q()
    return belongs_to(organisation, sorted(reached))


def role_of(user: AnyUser) -> Role | None:
    """The role a person is shown as: their most senior role group."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_role"):
        names = group_names(user)
        user._role = next((role for role in reversed(Role) if role in names), None)
    return user._role


def role_label(user: AnyUser) -> str:
    if user.is_superuser:
        return "Administrator"
    role = role_of(user)
    return role.label if role else "No role"


def signed_in(request: HttpRequest) -> User:
    """The person behind a request that a sign-in-only view is answering."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user


def reader_as(role: Role | None) -> AnyUser:
    """Someone who reads as a role does, for a preview: the public (no role),
    or an unsaved person holding exactly the role's permissions. One query."""
    from django.contrib.auth.models import Permission

    if role is None:
        return AnonymousUser()
    granted = Permission.objects.filter(group__name=role.value).values_list(
        "content_type__app_label", "codename"
    )
    permissions = {f"{app}.{code}" for app, code in granted}
    stand_in = User(username=f"preview as {role.label}", is_active=True)
    stand_in._perm_cache = permissions  # type: ignore[attr-defined]
    stand_in._access_cache = {  # type: ignore[attr-defined]
        "permissions": permissions,
        "groups": {role.value},
        "reach": dict.fromkeys(permissions),  # a preview reads everywhere
    }
    stand_in._role = role
    return stand_in
