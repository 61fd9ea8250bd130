"""Settings for the test suite: the base settings with fast, quiet overrides."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from pcc_panel.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Uploaded evidence goes to a throwaway folder, never the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pcc-panel-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The suite reads every URL as every role from one address: the open-data
# limit is tried on its own (tests/opendata), with the setting overridden.
OPEN_DATA_REQUESTS_PER_MINUTE = 100_000
