"""Typed readers for settings that come from the environment."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number") from None


def env_cache(name: str, default: str = "locmem://") -> dict:
    """CACHE_URL: redis://host:port/db, shared by every application server (and
    needed when there are several), or locmem:// for one process."""
    url = env_str(name, default)
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "pcc_panel.lib.redis_cache.SharedRedisCache",
            "LOCATION": url,
        }
    if url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"{name} must be redis://host:port/db or locmem://")


ROLES = ("Panel member", "Staff officer", "Chief officer", "Commissioner's office")


def role_map(value: str) -> list[tuple[str, str, str]]:
    """ "<claim value>=<role>@<organisation>;..." as (claim value, role,
    organisation name); a role the application does not have stops start-up."""
    mapped = []
    for entry in filter(None, (part.strip() for part in value.split(";"))):
        claim, equals, granted = entry.partition("=")
        role, at, organisation = granted.rpartition("@")
        if not (equals and at and claim.strip() and organisation.strip()):
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {entry!r} is not <claim value>=<role>@<organisation>"
            )
        if role.strip() not in ROLES:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {role.strip()!r} is not a role; the roles are "
                + ", ".join(ROLES)
            )
        mapped.append((claim.strip(), role.strip(), organisation.strip()))
    return mapped
