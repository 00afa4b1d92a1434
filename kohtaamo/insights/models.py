"""The employment service statistics in the database, for the situation picture (issue 9)."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
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
    # Set after each import by kohtaamo.insights.situation.protect_statistics: a count of 1-4,
    # or one that could be worked out from its area's or occupation group's other counts, is
    # never shown (pages, CSV, API), though the public source has it.
    unemployed_suppressed = models.BooleanField(default=False)
    vacancies_suppressed = models.BooleanField(default=False)
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


# --- Skill bottlenecks (issue 9) ----------------------------------------------------------------
# Written by kohtaamo.insights.bottlenecks after each full run of the matching, like the training
# impact rows of kohtaamo.matches: counts of people are stored only when they may be shown.


class AreaBottleneck(models.Model):
    """One competence in one area (and occupation group of the vacancies, or all): the active
    job seekers for whom it is one of the one or two gaps between them and a suitable vacancy."""

    area = models.CharField(
        _("area"), max_length=6, help_text=_("MK19 (region), SK191 (sub-region)")
    )
    occupation = models.CharField(
        _("occupation group"), max_length=5, blank=True, help_text=_("Empty: all occupations.")
    )
    uri = models.CharField(_("URI"), max_length=255)
    people = models.PositiveIntegerField(_("people"), null=True, blank=True)
    vacancies = models.PositiveIntegerField(_("vacancies"), null=True, blank=True)
    suppressed = models.BooleanField(_("fewer than 5 (hidden)"), default=False)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("skill bottleneck in an area")
        verbose_name_plural = _("skill bottlenecks in areas")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "occupation", "uri"], name="unique_area_bottleneck"
            ),
            models.CheckConstraint(
                condition=models.Q(suppressed=True, people__isnull=True)
                | models.Q(suppressed=False, people__gte=5),
                name="area_bottleneck_protected",
                violation_error_message=_("Counts under 5 are never stored."),
            ),
        ]


# --- Situation room (issue 9) -------------------------------------------------------------------


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Scenarios of the user's active organisations and those shared with them."""
        from kohtaamo.organisations.services import active_memberships

        organisations = active_memberships(user).values("organisation")
        return self.filter(
            models.Q(organisation__in=organisations) | models.Q(shared_with__in=organisations)
        ).distinct()


class Scenario(models.Model):
    """A sudden structural change to prepare for: an employer closing (its workers need new
    work) or an investment (it needs workers). The result is computed by
    kohtaamo.insights.scenarios and kept as a snapshot, so that a briefing says what was known
    when it was made."""

    class Kind(models.TextChoices):
        CLOSURE = "closure", _("closure or lay-offs")
        INVESTMENT = "investment", _("investment or expansion")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer in Kohtaamo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="scenarios",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_with = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("shared with"),
        blank=True,
        related_name="shared_scenarios",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    result = models.JSONField(_("result"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("www:scenario", kwargs={"public_id": self.public_id})

    @property
    def workers(self) -> int:
        return sum(o.count for o in self.occupations.all())


class ScenarioOccupation(models.Model):
    """Workers of one occupation in a scenario: laid off (closure) or needed (investment)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="occupations")
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    count = models.PositiveIntegerField(_("workers"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["-count", "pk"]
        verbose_name = _("occupation in a scenario")
        verbose_name_plural = _("occupations in a scenario")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "occupation"], name="one_row_per_scenario_occupation"
            )
        ]
