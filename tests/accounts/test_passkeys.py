"""Passkeys come after the second factor, never instead of the password: the
endpoints refuse anyone else, and removing one asks for the password again."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import AccountEvent
from accounts.sessions import CONFIRMED_AT
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_no_one_signs_in_with_a_passkey_alone(client):
    begin = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert begin.status_code == 403


def test_a_passkey_is_added_only_after_the_second_factor(chief_officer):
    password_only = Client()
    password_only.force_login(chief_officer)
    TOTPDevice.objects.create(user=chief_officer, name="app", confirmed=True)
    begin = reverse("otp_webauthn:credential-registration-begin")
    refused = password_only.post(begin)
    assert refused.status_code == 302  # to the second factor first
    passed = sign_in(Client(), chief_officer)
    options = passed.post(begin)
    assert options.status_code == 200
    assert options.json()["rp"] == {"name": "PCC Panel", "id": "testserver"}


def test_a_person_without_an_authenticator_app_adds_no_passkey(client, panel_member):
    sign_in(client, panel_member)
    refused = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert refused.status_code == 403
    assert "Set up an authenticator app" in refused.json()["detail"]


def test_removing_a_passkey_asks_for_the_password_and_is_recorded(
    client, chief_officer, staff_officer
):
    mine = WebAuthnCredential.objects.create(
        user=chief_officer,
        name="Laptop",
        confirmed=True,
        credential_id=b"1",
        public_key=b"k",
    )
    theirs = WebAuthnCredential.objects.create(
        user=staff_officer,
        name="Phone",
        confirmed=True,
        credential_id=b"2",
        public_key=b"k",
    )
    TOTPDevice.objects.create(user=chief_officer, name="app", confirmed=True)
    sign_in(client, chief_officer)
    assert "Laptop, added" in client.get(reverse("accounts:account")).text
    other = reverse("accounts:passkey_remove", args=[theirs.pk])
    assert client.post(other).status_code == 404
    session = client.session
    session[CONFIRMED_AT] = time.time() - 3600
    session.save()
    remove = reverse("accounts:passkey_remove", args=[mine.pk])
    assert client.post(remove)["Location"].startswith(reverse("accounts:confirm"))
    client.post(reverse("accounts:confirm"), {"password": "correct-horse-battery"})
    assert client.post(remove)["Location"] == reverse("accounts:account")
    assert not WebAuthnCredential.objects.filter(pk=mine.pk).exists()
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()
    event = AccountEvent.objects.get(kind=AccountEvent.Kind.SECOND_FACTOR_REMOVED)
    assert (event.user, event.detail) == (chief_officer, "passkey")
