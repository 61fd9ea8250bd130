from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """The claims Entra ID sends: a name, the person's groups (or app roles) and
    `amr`, which says "mfa" when the person gave a second factor. A test user
    in the group "did-mfa" gave one."""

    oidc_claim_scope = OAuth2Validator.oidc_claim_scope | {
        "groups": "openid",
        "amr": "openid",
    }

    def get_additional_claims(self, request):
        user = request.user
        groups = sorted(user.groups.values_list("name", flat=True))
        return {
            "preferred_username": user.username,
            "name": f"{user.first_name} {user.last_name}".strip(),
            "given_name": user.first_name,
            "family_name": user.last_name,
            "email": user.email,
            "groups": [g for g in groups if g != "did-mfa"],
            "amr": ["pwd", "mfa"] if "did-mfa" in groups else ["pwd"],
        }
