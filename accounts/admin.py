from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from accounts.models import Membership, Organisation, User


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
    list_display = ["username", "first_name", "last_name", "job_title", "is_staff"]
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

    def _looks_after_accounts(self, request: HttpRequest) -> bool:
        return request.user.is_superuser or request.user.has_perm(
            "accounts.change_user"
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._looks_after_accounts(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        """Only those who look after accounts browse them. Anyone who assigns
        an owner still finds people by name, through the picker's search."""
        if self._looks_after_accounts(request):
            return super().has_view_permission(request, obj)
        match = request.resolver_match
        picking = obj is None and match is not None and match.url_name == "autocomplete"
        return picking and super().has_view_permission(request, obj)
