"""Training offers: the courses, qualification units and apprenticeship routes a person can
take to close a competence gap, with where, when, how long and at what cost."""

import uuid
from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.core.i18n import localized
from kohtaamo.training.enums import OfferKind, OfferLanguage


class TrainingOfferQuerySet(models.QuerySet):
    def upcoming(self, today: date):
        """Offers a person can still join: starting today or later, or rolling (no start date:
        remote or continuous intake) and not yet ended."""
        starts = Q(start_date__gte=today)
        rolling = Q(start_date__isnull=True) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        return self.filter(starts | rolling)


class TrainingOffer(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_offers",
    )
    provider_name = models.CharField(_("provider"), max_length=200)
    title_fi = models.CharField(_("title in Finnish"), max_length=300)
    title_sv = models.CharField(_("title in Swedish"), max_length=300, blank=True)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    remote = models.BooleanField(_("remote"), default=False)
    start_date = models.DateField(
        _("starts"), null=True, blank=True, help_text=_("Empty for continuous intake.")
    )
    end_date = models.DateField(_("ends"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(
        _("duration (days of study)"), validators=[MinValueValidator(1)]
    )
    cost_eur = models.DecimalField(
        _("cost (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("0 when free for the participant; empty when not known."),
    )
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=OfferLanguage.choices, default=OfferLanguage.FINNISH
    )
    url = models.URLField(_("web page"), blank=True)

    objects = TrainingOfferQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title_fi"]
        verbose_name = _("training offer")
        verbose_name_plural = _("training offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False) | Q(remote=True),
                name="training_offer_has_place",
                violation_error_message=_("An offer is either in a municipality or remote."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="training_offer_ends_after_start",
                violation_error_message=_("An offer cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(duration_days__gte=1),
                name="training_offer_duration_positive",
                violation_error_message=_("An offer lasts at least one day."),
            ),
            models.CheckConstraint(
                condition=Q(cost_eur__isnull=True) | Q(cost_eur__gte=0),
                name="training_offer_cost_not_negative",
                violation_error_message=_("The cost cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def calendar_days(self) -> int:
        """How many calendar days the offer takes: from its dates when it has both, else its
        days of study spread over five-day weeks."""
        if self.start_date and self.end_date:
            return (self.end_date - self.start_date).days + 1
        return calendar_days(self.duration_days)

    def days_to_close(self, today: date) -> int:
        """Days from today until the offer is completed: the wait until it starts (none for
        continuous intake) and its length in calendar days."""
        wait = max((self.start_date - today).days, 0) if self.start_date else 0
        return wait + self.calendar_days


def calendar_days(study_days: int) -> int:
    """Working days of study to calendar days: a weekend for every full week after the first."""
    return study_days + 2 * ((max(study_days, 1) - 1) // 5)


class TrainingOfferCompetence(models.Model):
    """A skill, licence or qualification unit a person has after completing the offer."""

    offer = models.ForeignKey(TrainingOffer, on_delete=models.CASCADE, related_name="competences")
    uri = models.CharField(_("URI"), max_length=255, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CompetenceKind.choices)

    class Meta:
        ordering = ["offer", "uri"]
        verbose_name = _("competence the offer gives")
        verbose_name_plural = _("competences the offer gives")
        constraints = [
            models.UniqueConstraint(fields=["offer", "uri"], name="training_offer_uri_unique")
        ]

    def __str__(self) -> str:
        return self.uri
