from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("second-factor/", views.second_factor_step, name="second_factor"),
    path(
        "second-factor/set-up/",
        views.second_factor_set_up,
        name="second_factor_set_up",
    ),
    path(
        "second-factor/remove/",
        views.second_factor_remove,
        name="second_factor_remove",
    ),
    path("recovery-codes/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("confirm/", views.confirm_identity, name="confirm"),
    path("passkeys/<int:pk>/remove/", views.passkey_remove, name="passkey_remove"),
    path(
        "sign-out-everywhere-else/",
        views.sign_out_everywhere_else,
        name="sign_out_everywhere_else",
    ),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/sso/", views.sso_start, name="sso_start"),
    path("sign-in/sso/callback/", views.sso_callback, name="sso_callback"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
