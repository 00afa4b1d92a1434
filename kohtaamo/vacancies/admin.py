from django.contrib import admin

from kohtaamo.vacancies.models import Vacancy, VacancyCompetence


class VacancyCompetenceInline(admin.TabularInline):
    model = VacancyCompetence
    extra = 0


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    """For support staff; coordinators use the vacancy pages, whose changes are audited."""

    list_display = ("title", "employer", "status", "source", "municipality", "created_at")
    list_filter = ("status", "source")
    search_fields = ("title", "employer__name", "external_id")
    raw_id_fields = ("employer", "occupation", "mapping", "organisation", "created_by")
    readonly_fields = ("public_id", "created_at", "updated_at")
    inlines = [VacancyCompetenceInline]
