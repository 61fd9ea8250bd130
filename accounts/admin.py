import datetime

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.access import signed_in
from accounts.decorators import ask_to_confirm
from accounts.models import AccountEvent, Membership, Organisation, User
from pcc_panel.lib.history_admin import RecordAdmin

UNUSED_DAYS = 90


def looks_after_accounts(request: HttpRequest) -> bool:
    return request.user.is_superuser or request.user.has_perm("accounts.change_user")


# A person's authenticator is set up on their own pages and removed with the
# accounts' action below: no admin page shows its key, or lets it be edited.
for device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device):
        admin.site.unregister(device)


class SecondFactorFilter(admin.SimpleListFilter):
    title = "second factor"
    parameter_name = "second_factor"

    def lookups(self, request, model_admin):
        return [("on", "On"), ("off", "Off")]

    def queryset(self, request, queryset):
        if self.value() in ("on", "off"):
            return queryset.filter(has_second_factor=self.value() == "on")
        return queryset


class UnusedFilter(admin.SimpleListFilter):
    """The report of accounts not used lately: active, and not signed in for
    UNUSED_DAYS days (or never, and made before then)."""

    title = "use"
    parameter_name = "unused"

    def lookups(self, request, model_admin):
        return [("90", f"Active, not signed in for {UNUSED_DAYS} days")]

    def queryset(self, request, queryset):
        if self.value() != "90":
            return queryset
        since = timezone.now() - datetime.timedelta(days=UNUSED_DAYS)
        return queryset.filter(is_active=True).filter(
            Q(last_login__lt=since) | Q(last_login__isnull=True, date_joined__lt=since)
        )


class MembershipInline(admin.StackedInline):
    """A person's roles: each held in one organisation (and reaching those it
    oversees). Django's groups only say what each role may do."""

    model = Membership
    extra = 1
    verbose_name = "role"
    verbose_name_plural = "roles, each in an organisation"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["oversees"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts, with their roles, last sign-in and second factor. Opening one
    to change it asks for the password again (accounts.decorators); an account
    is deactivated, never deleted, so its history still names it."""

    list_display = [
        "username",
        "__str__",
        "roles",
        "last_login",
        "second_factor",
        "is_active",
    ]
    list_filter = [UnusedFilter, SecondFactorFilter, "is_active", "is_staff"]
    actions = ["deactivate", "reset_second_factor"]
    inlines = [MembershipInline]
    search_fields = ["username", "first_name", "last_name", "email", "job_title"]
    assert BaseUserAdmin.fieldsets is not None  # Django's UserAdmin sets them
    fieldsets = [
        *BaseUserAdmin.fieldsets[:1],
        (
            "Personal info",
            {"fields": ["first_name", "last_name", "job_title", "email"]},
        ),
        (
            "Permissions",
            {
                "fields": ["is_active", "is_staff", "is_superuser"],
                "description": "Roles are held in organisations (below). A "
                "superuser may do everything everywhere.",
            },
        ),
        *BaseUserAdmin.fieldsets[3:],
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .annotate(has_second_factor=Exists(devices))
            .prefetch_related(
                Prefetch(
                    "memberships",
                    Membership.objects.select_related("organisation"),
                )
            )
        )

    @admin.display(description="Roles")
    def roles(self, user: User) -> str:
        return "; ".join(str(m) for m in user.memberships.all()) or "None"

    @admin.display(description="Second factor", boolean=True)
    def second_factor(self, user: User) -> bool:
        return getattr(user, "has_second_factor", False)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Roles and rights change here: the password first, if not lately."""
        return ask_to_confirm(request) or super().changeform_view(
            request, object_id, form_url, extra_context
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        """Deactivate instead: a deleted account would leave its history
        pointing at no one."""
        return False

    def save_model(self, request, obj: User, form, change: bool) -> None:
        was_active = change and "is_active" in form.changed_data and not obj.is_active
        if was_active:
            obj.is_active = True  # deactivated through the service, once
        super().save_model(request, obj, form, change)
        if was_active:
            services.deactivate(obj, by=signed_in(request), request=request)

    @admin.action(
        description="Deactivate the selected accounts", permissions=["change"]
    )
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if asked := ask_to_confirm(request):
            return asked  # type: ignore[return-value]
        done = [
            user
            for user in queryset
            if user != request.user
            and services.deactivate(user, by=signed_in(request), request=request)
        ]
        self.message_user(
            request,
            f"{len(done)} account{'s' if len(done) != 1 else ''} deactivated and "
            "signed out. Their history is kept.",
            messages.SUCCESS,
        )
        return None

    @admin.action(
        description="Remove the second factor (a lost phone)", permissions=["change"]
    )
    def reset_second_factor(self, request: HttpRequest, queryset) -> None:
        if asked := ask_to_confirm(request):
            return asked  # type: ignore[return-value]
        done = [
            user
            for user in queryset
            if services.reset_second_factor(
                user, by=signed_in(request), request=request
            )
        ]
        self.message_user(
            request,
            f"{len(done)} account{'s' if len(done) != 1 else ''} will set up a new "
            "authenticator app at the next sign-in; each was signed out.",
            messages.SUCCESS,
        )
        return None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return looks_after_accounts(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        """Only those who look after accounts browse them. Anyone who assigns
        an owner still finds people by name, through the picker's search."""
        if looks_after_accounts(request):
            return super().has_view_permission(request, obj)
        match = request.resolver_match
        picking = obj is None and match is not None and match.url_name == "autocomplete"
        return picking and super().has_view_permission(request, obj)


@admin.register(AccountEvent)
class AccountEventAdmin(RecordAdmin):
    """The accounts' audit trail: read, never changed."""

    list_display = ["at", "kind", "username", "by", "address", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "address", "detail"]
    date_hierarchy = "at"
    list_select_related = ["by"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return looks_after_accounts(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return looks_after_accounts(request)
