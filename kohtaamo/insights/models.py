"""The employment service statistics in the database, for the situation picture (issue 9)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LabourStatQuerySet(models.QuerySet):
    def series(self, area: str, occupation: str = ""):
        """One area's months in order; occupation "" = all occupations."""
        return self.filter(area=area, occupation=occupation).order_by("month")


class LabourStat(models.Model):
    """Unemployed job seekers and open vacancies at the end of one month, in one area, for one
    occupation group (or all). Public statistics of Statistics Finland: no personal data."""

    area = models.CharField(_("area"), max_length=5, help_text=_("KU698, SK191, MK19 or SSS"))
    occupation = models.CharField(
        _("occupation group"), max_length=5, blank=True, help_text=_("Empty: all occupations.")
    )
    month = models.DateField(_("month"))
    unemployed = models.PositiveIntegerField(_("unemployed job seekers"), null=True, blank=True)
    vacancies = models.PositiveIntegerField(_("open vacancies"), null=True, blank=True)
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = LabourStatQuerySet.as_manager()

    class Meta:
        ordering = ["area", "occupation", "month"]
        verbose_name = _("employment service statistic")
        verbose_name_plural = _("employment service statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "occupation", "month"], name="one_statistic_per_area_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.occupation or '*'} {self.month:%Y-%m}"
