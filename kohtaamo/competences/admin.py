from django.contrib import admin

from kohtaamo.competences.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ("text", "lang", "uri", "organisation", "is_active", "created_at")
    list_filter = ("lang", "is_active", "organisation")
    search_fields = ("text", "uri")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
