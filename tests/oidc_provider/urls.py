"""The provider's endpoints, and one that only a test uses: how the next token
response is spoiled (a tampered signature, a token for another audience), as a
network attacker or a confused provider would."""

import base64
import json
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from jwcrypto import jwk, jwt
from oauth2_provider.views import TokenView

SPOIL = {"mode": ""}


@csrf_exempt
def spoil(request):
    SPOIL["mode"] = request.POST.get("mode", "")
    return HttpResponse(SPOIL["mode"])


def _spoilt(id_token: str) -> str:
    mode, SPOIL["mode"] = SPOIL["mode"], ""
    if mode == "signature":
        head, body, signature = id_token.split(".")
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        claims["preferred_username"] = "someone.else"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
        return f"{head}.{forged.decode()}.{signature}"
    if mode in ("audience", "expired"):
        key = jwk.JWK.from_pem(
            settings.OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"].encode()
        )
        token = jwt.JWT(jwt=id_token, key=key)
        claims = json.loads(token.claims)
        header = json.loads(token.header)
        if mode == "audience":
            claims["aud"] = "another-application"
        else:
            claims["exp"] = int(time.time()) - 3600
        again = jwt.JWT(header=header, claims=claims)
        again.make_signed_token(key)
        return again.serialize()
    return id_token


class SpoilingTokenView(TokenView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        body = json.loads(response.content)
        if "id_token" in body:
            body["id_token"] = _spoilt(body["id_token"])
            response.content = json.dumps(body).encode()
        return response


urlpatterns = [
    path("o/token/", csrf_exempt(SpoilingTokenView.as_view()), name="token"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("test/spoil/", spoil),
]
