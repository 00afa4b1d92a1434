from django.contrib import admin

from kohtaamo.qualifications.models import (
    Qualification,
    QualificationComposition,
    QualificationUnit,
)


class CompositionInline(admin.TabularInline):
    model = QualificationComposition
    extra = 0
    autocomplete_fields = ("unit",)
    fields = ("unit", "mandatory", "scope", "module")


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "kind", "diary_number", "valid_from", "valid_until", "eperusteet_id")
    list_filter = ("kind",)
    search_fields = ("name_fi", "name_sv", "name_en", "diary_number", "=eperusteet_id")
    inlines = (CompositionInline,)


@admin.register(QualificationUnit)
class QualificationUnitAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "code", "kind", "scope", "eperusteet_id")
    list_filter = ("kind",)
    search_fields = ("name_fi", "name_sv", "name_en", "=code", "=eperusteet_id")
