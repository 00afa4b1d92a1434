from django.contrib import admin

from kohtaamo.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "is_active", "deactivation_reason")
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "is_active", "deactivated_at")
    list_filter = ("role", "is_active", "organisation")

    def has_delete_permission(self, request, obj=None):
        return False  # members are deactivated with a reason, never deleted
