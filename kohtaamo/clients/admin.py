"""The admin shows job seekers' records by id and state only, read-only.

Personal data is read in the service's own pages, where every view is audited; the admin
would bypass that audit, so it shows no names, contact details or notes, and changes nothing:
records are changed through `clients.services`, consents through `clients.consents`, and
erased through the erasure service.
"""

from django.contrib import admin

from kohtaamo.clients.models import Client, Consent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "organisation", "status", "created_at", "erased_at")
    list_filter = ("status", "organisation")
    search_fields = ("public_id",)
    fields = ("public_id", "organisation", "status", "created_at", "updated_at", "erased_at")
    readonly_fields = fields


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("public_id", "organisation", "scope", "given_at", "valid_until", "withdrawn_at")
    list_filter = ("scope", "organisation")
    fields = (
        "public_id",
        "organisation",
        "scope",
        "given_at",
        "valid_until",
        "given_in_own_view",
        "withdrawn_at",
    )
    readonly_fields = fields
