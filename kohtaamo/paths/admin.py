"""The Django admin: the catalogue may be kept here; paths and their logs are read-only, since
their statuses change only through `kohtaamo.paths.services` (which writes the log and audit)."""

from django.contrib import admin

from .models import Goal, Path, ServiceType, Step, StepTransition


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "organisation", "typical_duration_days", "is_active")
    list_filter = ("is_active", "organisation")
    search_fields = ("code", "name_fi", "name_sv", "name_en")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for support, never changed by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GoalInline(admin.TabularInline):
    model = Goal
    fields = ("title", "target_date", "achieved_on")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Path)
class PathAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "organisation", "agreed_on", "review_on", "updated_at")
    list_filter = ("organisation",)
    inlines = [GoalInline]


class StepTransitionInline(admin.TabularInline):
    model = StepTransition
    fields = ("old_status", "new_status", "reason", "actor", "at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Step)
class StepAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "kind", "service_type", "status", "responsible_organisation")
    list_filter = ("status", "kind", "responsible_organisation")
    inlines = [StepTransitionInline]
