"""Events in the admin by their facts only. Registrations and interviews are personal data read
and changed on the audited pages, so the admin does not list them."""

from django.contrib import admin

from kohtaamo.events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "date", "organisation", "published")
    list_filter = ("kind", "published")
    search_fields = ("title", "place")
    readonly_fields = ("public_id",)
    filter_horizontal = ("co_organisers",)
    raw_id_fields = ("project", "municipality")
