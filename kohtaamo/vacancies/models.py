import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.employers.models import EMPLOYER_ROLES, Employer
from kohtaamo.vacancies.enums import (
    Permanence,
    VacancySource,
    VacancyStatus,
    WorkingTime,
)


class VacancyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Open vacancies for anyone working in the region's organisations; the rest (drafts,
        filled and closed ones) only for the organisations that work with the employer."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        from kohtaamo.organisations.models import Membership

        works = Membership.objects.active().filter(user=user, role__in=EMPLOYER_ROLES).exists()
        if not works:
            return self.none()
        return self.filter(
            models.Q(status=VacancyStatus.OPEN)
            | models.Q(employer__in=Employer.objects.visible_to(user))
        )

    def open(self):
        return self.filter(status=VacancyStatus.OPEN)


class Vacancy(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="vacancies"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("created by organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    apply_by = models.DateField(_("apply by"), null=True, blank=True)
    working_time = models.CharField(
        _("working time"), max_length=5, choices=WorkingTime.choices, default=WorkingTime.FULL_TIME
    )
    permanence = models.CharField(
        _("duration"), max_length=12, choices=Permanence.choices, default=Permanence.PERMANENT
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    openings = models.PositiveIntegerField(
        _("number of openings"), default=1, validators=[MinValueValidator(1)]
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_('A list of {"code": "fi", "level": "B1", "mandatory": true}.'),
    )
    exclude_on_missing_mandatory = models.BooleanField(
        _("leave out people who lack a mandatory requirement"),
        default=True,
        help_text=_(
            "Otherwise they are shown lower down, with the missing licence or language as a gap."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    source = models.CharField(
        _("source"), max_length=10, choices=VacancySource.choices, default=VacancySource.MANUAL
    )
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("When the source published the ad.")
    )
    other_occupations = models.JSONField(
        _("other occupations"),
        default=list,
        blank=True,
        help_text=_("URIs of further ESCO occupations the ad names besides the main one."),
    )
    mapping = models.ForeignKey(
        "mappings.CompetenceMapping",
        verbose_name=_("from the mapping"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vacancies",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_vacancy_external_id",
                violation_error_message=_("This job ad has already been imported."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="vacancy_ends_after_start",
                violation_error_message=_("A vacancy cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("www:vacancy", kwargs={"public_id": self.public_id})


class VacancyCompetence(models.Model):
    """A requirement of a vacancy: essential or optional, with importance 1-3.

    A mandatory licence is an essential licence with `mandatory` set: the matching engine may
    exclude people without it, where a plain essential skill only lowers the score.
    """

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="competences")
    uri = models.CharField(_("competence"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=CompetenceKind.choices)
    essential = models.BooleanField(_("essential"), default=True)
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        choices=Importance.choices,
        default=Importance.IMPORTANT,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    mandatory = models.BooleanField(_("mandatory"), default=False)
    evidence = models.CharField(_("evidence in the text"), max_length=300, blank=True)

    class Meta:
        ordering = ["-essential", "-importance", "id"]
        verbose_name = _("vacancy competence")
        verbose_name_plural = _("vacancy competences")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "uri"], name="unique_vacancy_competence"),
            models.CheckConstraint(
                condition=~models.Q(mandatory=True, essential=False),
                name="mandatory_competence_is_essential",
                violation_error_message=_("A mandatory requirement must be essential."),
            ),
        ]
