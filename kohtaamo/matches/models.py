"""Stored results of the matching engine, so that pages and the API read them fast.

One row per (client, vacancy) pair that is among the client's best or near matches, or the
vacancy's best or near candidates. A near match is a pair that a missing mandatory licence or
language keeps down: its `potential` (the score if it were held) is high, its `score` is not.
Rows are rewritten by kohtaamo.matches.services (everything, or one client or one vacancy when
it changes).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients.models import Client
from kohtaamo.vacancies.models import Vacancy


class StoredMatchQuerySet(models.QuerySet):
    def for_client(self, client: Client):
        return self.filter(client=client, client_best=True).order_by("-score", "vacancy_id")

    def near_for_client(self, client: Client):
        return self.filter(client=client, client_near=True).order_by("-potential", "vacancy_id")

    def for_vacancy(self, vacancy: Vacancy):
        return self.filter(vacancy=vacancy, vacancy_best=True).order_by("-score", "client_id")

    def near_for_vacancy(self, vacancy: Vacancy):
        return self.filter(vacancy=vacancy, vacancy_near=True).order_by("-potential", "client_id")


class StoredMatch(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="stored_matches")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="stored_matches")
    score = models.FloatField(_("score"))
    potential = models.FloatField(
        _("score with every mandatory requirement held"),
    )
    coverage = models.FloatField(_("coverage"))
    reciprocal = models.FloatField(_("share of essentials met"))
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    missing_mandatory = models.PositiveSmallIntegerField(default=0)
    client_best = models.BooleanField(default=False)
    client_near = models.BooleanField(default=False)
    vacancy_best = models.BooleanField(default=False)
    vacancy_near = models.BooleanField(default=False)
    computed_at = models.DateTimeField(default=timezone.now)

    objects = StoredMatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("stored match")
        verbose_name_plural = _("stored matches")
        constraints = [
            models.UniqueConstraint(fields=["client", "vacancy"], name="unique_stored_match")
        ]
        indexes = [
            models.Index(fields=["client", "-score"], name="match_client_score"),
            models.Index(fields=["vacancy", "-score"], name="match_vacancy_score"),
        ]


class MatchRun(models.Model):
    """One computation, for the record: what was matched, how long it took."""

    class Kind(models.TextChoices):
        ALL = "all", _("everyone")
        CLIENT = "client", _("one job seeker")
        VACANCY = "vacancy", _("one vacancy")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    people = models.PositiveIntegerField(default=0)
    vacancies = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        get_latest_by = "started_at"


# --- Training impact (issue 6) ----------------------------------------------------------------
# Which courses would unlock the most matches in an area, for training planners; written by
# kohtaamo.matches.training.store_area_impact after each full run. Counts about people are
# stored only when they may be shown (see kohtaamo.matching.unlock.protect): a hidden count is
# null with `suppressed` set, so no page or export can leak it.


class AreaCourseImpact(models.Model):
    """One course in one area: people it would help and matches it would unlock."""

    area = models.CharField(
        _("area"), max_length=6, help_text=_("MK19 (region), SK191 (sub-region)")
    )
    offer = models.ForeignKey(
        "training.TrainingOffer", on_delete=models.CASCADE, related_name="area_impacts"
    )
    people = models.PositiveIntegerField(_("people helped"), null=True, blank=True)
    matches = models.PositiveIntegerField(_("matches unlocked"), null=True, blank=True)
    suppressed = models.BooleanField(_("fewer than 5 (hidden)"), default=False)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("course impact in an area")
        verbose_name_plural = _("course impacts in areas")
        constraints = [
            models.UniqueConstraint(fields=["area", "offer"], name="unique_area_course_impact"),
            models.CheckConstraint(
                condition=models.Q(suppressed=True, people__isnull=True, matches__isnull=True)
                | models.Q(suppressed=False, people__gte=5, matches__gte=5),
                name="area_course_impact_protected",
                violation_error_message=_("Counts under 5 are never stored."),
            ),
        ]


class AreaGapImpact(models.Model):
    """One competence gap in one area: people for whom a course closing it unlocks a match."""

    area = models.CharField(_("area"), max_length=6)
    uri = models.CharField(_("URI"), max_length=255)
    people = models.PositiveIntegerField(_("people affected"), null=True, blank=True)
    suppressed = models.BooleanField(_("fewer than 5 (hidden)"), default=False)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("competence gap in an area")
        verbose_name_plural = _("competence gaps in areas")
        constraints = [
            models.UniqueConstraint(fields=["area", "uri"], name="unique_area_gap_impact"),
            models.CheckConstraint(
                condition=models.Q(suppressed=True, people__isnull=True)
                | models.Q(suppressed=False, people__gte=5),
                name="area_gap_impact_protected",
                violation_error_message=_("Counts under 5 are never stored."),
            ),
        ]
