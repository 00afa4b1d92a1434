from django.contrib import admin

from .models import ServiceType


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "organisation", "typical_duration_days", "is_active")
    list_filter = ("is_active", "organisation")
    search_fields = ("code", "name_fi", "name_sv", "name_en")
