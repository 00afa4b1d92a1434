"""Projects are set up in the admin (code, dates, running and partner organisations).
Participant records are personal data read and changed on the audited pages, so the admin
shows them by id and state only, read-only."""

from django.contrib import admin

from kohtaamo.esf.models import Participant, Project


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "organisation", "start_date", "end_date")
    search_fields = ("code", "name")
    filter_horizontal = ("partners",)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("public_id", "project", "entry_date", "exit_date", "exit_status")
    list_filter = ("project", "exit_status")
    fields = ("public_id", "project", "entry_date", "entry_status", "exit_date", "exit_status")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
