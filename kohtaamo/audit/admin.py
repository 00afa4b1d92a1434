from django.contrib import admin

from kohtaamo.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("time", "action", "object_type", "object_id", "actor", "organisation")
    list_filter = ("action", "object_type")
    search_fields = ("object_id",)
    date_hierarchy = "time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
