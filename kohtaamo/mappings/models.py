import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.employers.models import Employer
from kohtaamo.mappings.enums import Horizon, MappingStatus, NeedPurpose, NeedSource


class CompetenceMappingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Mappings of the employers the user's organisations work with."""
        return self.filter(employer__in=Employer.objects.visible_to(user))

    def finished(self):
        return self.filter(status=MappingStatus.FINISHED)

    def current(self):
        """The newest finished version of each employer's mapping (a draft revising it does not
        replace it until the draft is finished)."""
        return self.finished().exclude(superseded_by__status=MappingStatus.FINISHED)


class CompetenceMapping(models.Model):
    """A competence mapping interview ("osaamiskartoitus") with one employer.

    A draft can be edited and saved many times. Finishing it gives it a version number and makes
    it read-only; revising a finished mapping starts a new draft whose `previous` is that
    version, so every finished version stays as it was.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="mappings")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visit_date = models.DateField(_("date of the visit"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=MappingStatus.choices, default=MappingStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Willingness to offer places and forms of employment.
    offers_work_trials = models.BooleanField(_("work trials"), default=False)
    offers_apprenticeships = models.BooleanField(_("apprenticeships"), default=False)
    offers_training_agreements = models.BooleanField(_("training agreements"), default=False)
    offers_student_placements = models.BooleanField(_("student placements"), default=False)
    offers_shared_employment = models.BooleanField(
        _("shared employment with another employer"), default=False
    )
    willingness_note = models.TextField(_("about the willingness"), blank=True)
    unknown_support = models.JSONField(
        _("support the company did not know about"),
        default=list,
        blank=True,
        help_text=_("Codes of kohtaamo.mappings.enums.Support."),
    )
    staff_development_note = models.TextField(_("development needs of current staff"), blank=True)
    notes = models.TextField(_("other notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CompetenceMappingQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-created_at"]
        verbose_name = _("competence mapping")
        verbose_name_plural = _("competence mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "version"],
                condition=models.Q(version__isnull=False),
                name="unique_mapping_version",
            ),
            models.UniqueConstraint(
                fields=["employer"],
                condition=models.Q(status=MappingStatus.DRAFT),
                name="one_draft_mapping_per_employer",
                violation_error_message=_("The employer already has a draft mapping."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=MappingStatus.DRAFT, version__isnull=True)
                    | models.Q(
                        status=MappingStatus.FINISHED,
                        version__isnull=False,
                        finished_at__isnull=False,
                    )
                ),
                name="finished_mapping_has_version",
                violation_error_message=_("A finished mapping has a version and a finish time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} {self.visit_date:%Y-%m-%d}"

    @property
    def is_draft(self) -> bool:
        return self.status == MappingStatus.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("www:mapping", kwargs={"public_id": self.public_id})


def _occupation_field(**kwargs):
    return models.ForeignKey(
        "taxonomy.Concept",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
        **kwargs,
    )


class WorkforceEntry(models.Model):
    """Current workforce: how many people the employer has in an occupation."""

    mapping = models.ForeignKey(
        CompetenceMapping, on_delete=models.CASCADE, related_name="workforce"
    )
    occupation = _occupation_field()
    title = models.CharField(
        _("job title"),
        max_length=200,
        blank=True,
        help_text=_("The title as the company says it; the occupation is ESCO's."),
    )
    count = models.PositiveIntegerField(_("people"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("current workforce")
        verbose_name_plural = _("current workforce")


class PlannedHire(models.Model):
    mapping = models.ForeignKey(
        CompetenceMapping, on_delete=models.CASCADE, related_name="planned_hires"
    )
    occupation = _occupation_field()
    title = models.CharField(
        _("job title"),
        max_length=200,
        blank=True,
        help_text=_("The title as the company says it; the occupation is ESCO's."),
    )
    count = models.PositiveIntegerField(_("people"), validators=[MinValueValidator(1)])
    horizon = models.CharField(_("when"), max_length=5, choices=Horizon.choices)
    seasonal = models.BooleanField(_("seasonal work"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("planned hire")
        verbose_name_plural = _("planned hires")


class CompetenceNeed(models.Model):
    """A skill, licence or qualification unit the employer needs, now or later."""

    mapping = models.ForeignKey(CompetenceMapping, on_delete=models.CASCADE, related_name="needs")
    uri = models.CharField(_("competence"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=CompetenceKind.choices)
    occupation = _occupation_field(null=True, blank=True)
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        choices=Importance.choices,
        default=Importance.IMPORTANT,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    horizon = models.CharField(
        _("when"), max_length=5, choices=Horizon.choices, default=Horizon.NOW
    )
    purpose = models.CharField(
        _("for"), max_length=5, choices=NeedPurpose.choices, default=NeedPurpose.HIRES
    )
    source = models.CharField(
        _("source"), max_length=10, choices=NeedSource.choices, default=NeedSource.SEARCH
    )
    evidence = models.CharField(_("evidence in the text"), max_length=300, blank=True)

    class Meta:
        ordering = ["-importance", "id"]
        verbose_name = _("competence need")
        verbose_name_plural = _("competence needs")
