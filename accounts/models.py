from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac

from accounts.roles import Role


class User(AbstractUser):
    _role: Role | None  # cached by accounts.access.role_of, not a field

    job_title = models.CharField(
        max_length=150, blank=True, help_text="e.g. Deputy Chief Constable"
    )
    # Counted up to sign the person out everywhere: it is part of the hash
    # that every one of their sessions must match (get_session_auth_hash).
    sessions_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        return self._session_auth_hash(settings.SECRET_KEY)

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret)

    def _session_auth_hash(self, secret: str | bytes) -> str:
        """Django's hash of the password, with the sessions' generation: a new
        password or a new generation ends every other session."""
        return salted_hmac(
            "accounts.User.get_session_auth_hash",
            f"{self.password}:{self.sessions_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class OrganisationKind(models.TextChoices):
    POLICE_FORCE = "police_force", "Police force"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue service"
    COMMISSIONERS_OFFICE = "commissioners_office", "Commissioner's office"
    POLICE_AND_CRIME_PANEL = "panel", "Police and Crime Panel"
    NATIONAL_BODY = "national_body", "National body"


class Organisation(models.Model):
    """A body whose people use PCC Panel, or that an inspection is about. A role
    is held in an organisation and reaches the organisations it oversees: a
    Commissioner's office its force and fire service, a panel its office (and
    so what the office oversees)."""

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    oversees = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="overseen_by",
        blank=True,
        help_text="A Commissioner's office oversees its force and fire and rescue "
        "service; a Police and Crime Panel oversees its Commissioner's office.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one organisation: what the role may do, it may do
    there and in the organisations it oversees, and nowhere else."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    from_identity_provider = models.BooleanField(
        default=False,
        editable=False,
        help_text="Granted by a group or app role at single sign-on, and kept in "
        "step with it at each sign-in (accounts.single_sign_on).",
    )

    class Meta:
        ordering = ["organisation", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.organisation}"


class ExternalIdentity(models.Model):
    """Who the person is at an identity provider: its issuer and the subject it
    gives them, which never changes even when their name or e-mail does."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="one_account_per_external_identity"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"


class AccountEvent(models.Model):
    """The audit trail of accounts: sign-ins and their failures, lockouts,
    second factors set up or removed, sessions ended and roles changed. Rows
    are only ever added (accounts.audit.record)."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        SIGNED_OUT = "signed_out", "Signed out"
        TIMED_OUT = "timed_out", "Session timed out"
        SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
        SECOND_FACTOR_PASSED = "second_factor_passed", "Second factor passed"
        SECOND_FACTOR_FAILED = "second_factor_failed", "Second factor failed"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        SECOND_FACTOR_SET_UP = "second_factor_set_up", "Second factor set up"
        RECOVERY_CODES_RENEWED = "recovery_codes_renewed", "New recovery codes"
        SECOND_FACTOR_REMOVED = "second_factor_removed", "Second factor removed"
        IDENTITY_CONFIRMED = "identity_confirmed", "Identity confirmed again"
        ROLE_GRANTED = "role_granted", "Role granted"
        ROLE_REMOVED = "role_removed", "Role removed"
        DEACTIVATED = "deactivated", "Account deactivated"
        CALENDAR_LINK_MADE = "calendar_link_made", "Calendar link made"
        CALENDAR_LINK_STOPPED = "calendar_link_stopped", "Calendar link stopped"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_events",
    )
    username = models.CharField(
        max_length=150, help_text="As typed, for a sign-in that matched no account."
    )
    by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it, when not the person themselves.",
    )
    address = models.CharField(max_length=100, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="account_event_user_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username}"
