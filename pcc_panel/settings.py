"""PCC Panel settings, read from the environment (see .env.example and the README)."""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from pcc_panel.lib.env import (
    env_bool,
    env_cache,
    env_int,
    env_list,
    env_str,
    role_map,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# make bench mounts two reference views at /bench/ (pcc_panel/bench.py).
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 "
            "for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "pcc_panel.admin_site.PanelAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # the domain's layers, lowest first: each imports only from those above it here
    "accounts",
    "inspections",
    "actions",
    "governance",
    "reports",
    # above the domain: they write into several of its apps
    "importing",
    "demo",
    "questions",
    "opendata",
    "calendars",
    "search",
    "pcc_panel.apps.PanelConfig",
]

MIDDLEWARE = [
    "pcc_panel.lib.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pcc_panel.lib.odd_input.OddInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pcc_panel.lib.private_responses.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pcc_panel.lib.csp.SiteCSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pcc_panel.urls"
WSGI_APPLICATION = "pcc_panel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pcc_panel.context_processors.service",
                "accounts.context_processors.signed_in_as",
            ],
        },
    },
]

CACHES = {"default": env_cache("CACHE_URL")}

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The tracker's and the admin's lists join eight tables (an action, its
    # finding, inspection, force, question, owner, lead and latest update).
    # Searching every join order took the planner 10-18 ms a query for a
    # 1-2 ms execution; searching groups of four takes 1-2 ms and finds plans
    # as fast, measured on the national data (docs/deployment.md).
    # JIT compilation pays for itself in long analytic queries, not in a web
    # page's: a write's recount of one force's open findings (a few subplans
    # the planner overestimates) took 60 ms to run and 980 ms to compile.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c join_collapse_limit=4 -c from_collapse_limit=4 -c jit=off"
    )
    # A page's queries join five to eight tables under the visibility rules:
    # PostgreSQL took longer to plan them (0.4-0.8 ms each) than to run them
    # (0.03-0.24 ms). Bound on the server and prepared once a connection has
    # run one five times, each is planned once per connection, not per request
    # (docs/deployment.md). The rules partial indexes are built on name their
    # values in the SQL (pcc_panel.lib.sql), so the generic plans use them.
    # Behind a pooler in transaction mode, which cannot keep a connection's
    # prepared statements, set DATABASE_PREPARE_THRESHOLD=0.
    PREPARE_THRESHOLD = env_int("DATABASE_PREPARE_THRESHOLD", 5)
    if PREPARE_THRESHOLD:
        DATABASES["default"]["OPTIONS"] |= {
            "server_side_binding": True,
            "prepare_threshold": PREPARE_THRESHOLD,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.CachedModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "inspections:list"
LOGOUT_REDIRECT_URL = "inspections:list"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False  # English only: formats still come from en-GB (LANGUAGE_CODE)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development and tests whitenoise serves straight from static/ (no collectstatic).
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# RAG by rule (actions.rag): amber when due within this many days and under this
# percent complete; red when overdue and unfinished.
RAG_AMBER_DAYS = env_int("RAG_AMBER_DAYS", 30)
RAG_AMBER_BELOW_PERCENT = env_int("RAG_AMBER_BELOW_PERCENT", 75)

# Evidence attached to progress updates: stored here, served only through
# actions.views.evidence_download, which checks the right to the action.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

# E-mail: reminders (send_reminders). The console backend prints them.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PCC Panel <pcc-panel@localhost>")
# The address people reach the site at, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The audit trail is a record: it can be read in the admin, never reverted from it.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions end when the browser closes, after 30 minutes without a request and
# after 12 hours whatever their use (OWASP ASVS 4 level 2, 3.3.2; accounts.sessions).
# A sensitive step asks for the password again after 15 minutes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_TIMEOUT = datetime.timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30))
SESSION_ABSOLUTE_LIFETIME = datetime.timedelta(
    hours=env_int("SESSION_LIFETIME_HOURS", 12)
)
REAUTHENTICATE_AFTER = datetime.timedelta(minutes=env_int("REAUTHENTICATE_MINUTES", 15))
# A second factor (an authenticator app, or a recovery code) for everyone whose
# role reads OFFICIAL-SENSITIVE material or changes anything (accounts.second_factor).
# On unless switched off; make run's demo switches it off (DEBUG) unless asked.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "PCC Panel"
# Passkeys (WebAuthn) beside the app, never instead of the password
# (accounts.passkeys): each works only on the host name it was made on.
OTP_WEBAUTHN_RP_NAME = "PCC Panel"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party"
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.Helper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A passkey is checked against the request's own origin (its host one of
# ALLOWED_HOSTS; accounts.passkeys.Helper). The library's check asks for the
# site's https address here; a demo on plain http has none (see below).
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

# Single sign-on through the force's or office's OpenID Connect provider, such as
# Microsoft Entra ID (accounts.single_sign_on; README, "Signing in"). On when
# OIDC_ISSUER is set. OIDC_ROLE_MAP gives each group or app role (the claim
# OIDC_ROLES_CLAIM) the role and organisation it grants:
# "<claim value>=<role>@<organisation>;...". Local usernames and passwords stay
# unless LOCAL_SIGN_IN is off.
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "your organisation's account")
OIDC_ROLES_CLAIM = env_str("OIDC_ROLES_CLAIM", "groups")
OIDC_ROLE_MAP = role_map(env_str("OIDC_ROLE_MAP"))
OIDC_REQUIRE_MFA = env_bool("OIDC_REQUIRE_MFA", default=True)
LOCAL_SIGN_IN = env_bool("LOCAL_SIGN_IN", default=True)
if OIDC_ISSUER and not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."
    )
if not LOCAL_SIGN_IN and not OIDC_ISSUER:
    raise ImproperlyConfigured("LOCAL_SIGN_IN is off and OIDC_ISSUER is not set.")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled with each wrong code in a row
# Read from the cache, written through to the database: any application server
# can serve any request, and a cache restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_LIFETIME.total_seconds())

# Sign-in throttling: five failures for one username from one address lock it out
# (django-axes); SIGN_IN_ADDRESS_LIMIT failures from one address, whatever the
# usernames, pause signing in from it (password spraying; accounts.throttle).
AXES_FAILURE_LIMIT = 5
SIGN_IN_ADDRESS_LIMIT = env_int("SIGN_IN_ADDRESS_LIMIT", 20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # accounts.signals logs sign-ins, failures and lockouts

# The open-data API (opendata.api): requests a minute from one address.
OPEN_DATA_REQUESTS_PER_MINUTE = env_int("OPEN_DATA_REQUESTS_PER_MINUTE", 120)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Behind a reverse proxy (docs/deployment.md): the proxies' addresses, whose
# X-Forwarded-For is believed (pcc_panel.lib.client_address). Anyone else's is
# ignored, so a client cannot choose the address that sign-in throttling sees.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXIES = env_list(
    "TRUSTED_PROXIES", default=["127.0.0.1", "::1"] if BEHIND_TLS_PROXY else []
)
if TRUSTED_PROXIES and not BEHIND_TLS_PROXY:
    raise ImproperlyConfigured(
        "TRUSTED_PROXIES is set but BEHIND_TLS_PROXY is not: set BEHIND_TLS_PROXY=1 "
        "when the site is served through a reverse proxy."
    )
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for SECURE_HSTS_PRELOAD. Submitting a domain to browsers'
    # preload lists binds every subdomain for years: the owner of the domain
    # decides that, not this application.
    "security.W021",
]
if not OTP_WEBAUTHN_ALLOWED_ORIGINS:
    # make run and the tests on http://: passkeys still work on localhost
    SILENCED_SYSTEM_CHECKS.append("otp_webauthn.E030")

# No inline script or style: the admin alone may use inline style attributes
# (pcc_panel.lib.csp), never inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Shown on the accessibility statement as the way to report a problem.
CONTACT_EMAIL = env_str("CONTACT_EMAIL")
SERVICE_NAME = "PCC Panel"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes reports every sign-in at INFO; pcc_panel.security says it once.
    "loggers": {"axes": {"level": "WARNING"}},
}
