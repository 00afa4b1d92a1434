from django.db import models
from django.utils.translation import gettext_lazy as _

from kohtaamo.core.i18n import LocalizedNameMixin
from kohtaamo.geo import distance


class Region(LocalizedNameMixin, models.Model):
    """A region (maakunta), e.g. 19 Lappi."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100, blank=True)
    name_en = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class SubRegion(LocalizedNameMixin, models.Model):
    """A sub-region (seutukunta), e.g. 191 Rovaniemi."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="sub_regions")
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100, blank=True)
    name_en = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sub-region")
        verbose_name_plural = _("sub-regions")


class Municipality(LocalizedNameMixin, models.Model):
    """A Finnish municipality with the coordinates of its central locality."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100, blank=True)
    name_en = models.CharField(max_length=100, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    sub_region = models.ForeignKey(
        SubRegion, on_delete=models.PROTECT, related_name="municipalities"
    )
    employment_area = models.CharField(_("employment area"), max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def distance_km(self, other: "Municipality") -> float | None:
        """Estimated road distance between central localities; None if either lacks them."""
        if None in (self.latitude, self.longitude, other.latitude, other.longitude):
            return None
        return distance.road_km(self.latitude, self.longitude, other.latitude, other.longitude)
