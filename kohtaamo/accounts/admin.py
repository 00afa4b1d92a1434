from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kohtaamo.accounts.models import ApiToken, User


@admin.register(User)
class KohtaamoUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "is_active", "is_staff")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return (
            False  # tokens are issued with `manage.py issue_api_token`, which shows the raw value
        )
