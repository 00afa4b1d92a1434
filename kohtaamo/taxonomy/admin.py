from django.contrib import admin

from kohtaamo.taxonomy.models import Concept, Licence


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ("label_fi", "label_en", "kind", "code", "is_active")
    list_filter = ("kind", "is_active", "collections")
    search_fields = ("label_fi", "label_sv", "label_en", "uri", "code")
    readonly_fields = [f.name for f in Concept._meta.fields]

    def has_add_permission(self, request):
        return False  # ESCO is imported, not typed in


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "category", "course_days", "validity_years")
    list_filter = ("category",)
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    autocomplete_fields = ("skills",)
    filter_horizontal = ("requires",)
