from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "job_title", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "job_title"]
    assert BaseUserAdmin.fieldsets is not None  # Django's UserAdmin sets them
    fieldsets = [
        *BaseUserAdmin.fieldsets[:1],
        (
            "Personal info",
            {"fields": ["first_name", "last_name", "job_title", "email"]},
        ),
        *BaseUserAdmin.fieldsets[2:],
    ]
