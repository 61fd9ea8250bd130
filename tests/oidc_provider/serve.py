"""Run the test OpenID Connect provider: migrate its own database, register the
one client and the users given in PROVIDER_SETUP (JSON), then serve on the
port given, until killed. Prints "ready" once it answers."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    setup = json.loads(os.environ["PROVIDER_SETUP"])
    client = setup["client"]
    Application.objects.create(
        name="PCC Panel",
        client_id=client["id"],
        client_secret=client["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for person in setup["users"]:
        user = User.objects.create_user(
            person["username"],
            email=person.get("email", ""),
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
        for name in person.get("groups", []):
            user.groups.add(Group.objects.get_or_create(name=name)[0])
    server = make_server(
        "127.0.0.1",
        int(sys.argv[1]),
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
