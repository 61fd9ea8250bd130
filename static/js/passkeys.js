// Once a passkey is added, show it in the list on Your account.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
