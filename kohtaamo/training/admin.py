from django.contrib import admin

from kohtaamo.training.models import TrainingOffer, TrainingOfferCompetence


class CompetenceInline(admin.TabularInline):
    model = TrainingOfferCompetence
    extra = 1


@admin.register(TrainingOffer)
class TrainingOfferAdmin(admin.ModelAdmin):
    list_display = ["title_fi", "kind", "provider_name", "municipality", "remote", "start_date"]
    list_filter = ["kind", "remote", "language"]
    search_fields = ["title_fi", "title_en", "provider_name", "competences__uri"]
    date_hierarchy = "start_date"
    raw_id_fields = ["provider"]
    inlines = [CompetenceInline]
