"""The Django admin shows recognitions for support, read-only: the tasks, their mapping and the
sign-off change only through `kohtaamo.recognition.services`, which withdraws a sign-off when
the mapping changes and writes the audit trail; periods are personal data."""

from django.contrib import admin

from .models import EnvironmentPeriod, EnvironmentTask, LearningEnvironment, TaskRequirement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TaskInline(admin.TabularInline):
    model = EnvironmentTask
    fields = ("order", "name", "description")
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LearningEnvironment)
class LearningEnvironmentAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "organisation",
        "teacher_organisation",
        "recognised_on",
        "signed_off_at",
    )
    list_filter = ("kind", "organisation", "teacher_organisation")
    search_fields = ("name",)
    inlines = [TaskInline]


@admin.register(TaskRequirement)
class TaskRequirementAdmin(ReadOnlyAdmin):
    list_display = ("task", "unit", "requirement_index")
    list_select_related = ("task", "unit")


@admin.register(EnvironmentPeriod)
class EnvironmentPeriodAdmin(ReadOnlyAdmin):
    """Only the period's dates and state: the person is named by the record's id."""

    list_display = ("public_id", "environment", "start_date", "end_date", "certificate_issued_on")
    list_select_related = ("environment",)
    fields = ("environment", "start_date", "end_date", "assessed_on", "certificate_issued_on")
