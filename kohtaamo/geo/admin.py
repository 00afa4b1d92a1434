from django.contrib import admin

from kohtaamo.geo.models import Municipality, Region, SubRegion


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "name_sv", "name_en")


@admin.register(SubRegion)
class SubRegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "region")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "sub_region", "region", "population")
    list_filter = ("region",)
    search_fields = ("name_fi", "name_sv", "name_en", "code")
