"""Learning-environment recognition (as the PAIKKO tool did) and competence certificates.

A workshop or a workplace is described by its tasks; with a vocational teacher, each task is
mapped to the vocational skill requirements of qualification units that doing the task
demonstrates. The teacher's sign-off dates the recognition. A job seeker's period in the
environment then yields a certificate that lists, in the language of the units, what the person
demonstrated; the units enter the person's profile with the source "learning environment".

A change to the tasks or their mapping after the sign-off withdraws it
(`kohtaamo.recognition.services`): a certificate is issued only against a signed-off mapping.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnvironmentKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    WORKPLACE = "workplace", _("workplace")


class LearningEnvironmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Environments of the user's organisations and of those they recognise as teachers'
        colleges. Environment descriptions hold no personal data."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        from kohtaamo.organisations.models import Organisation

        organisations = Organisation.objects.filter(
            memberships__user=user, memberships__is_active=True, is_active=True
        )
        return self.filter(
            Q(organisation__in=organisations) | Q(teacher_organisation__in=organisations)
        )


class LearningEnvironment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="learning_environments",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=EnvironmentKind.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    teacher_name = models.CharField(_("vocational teacher"), max_length=200, blank=True)
    teacher_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("teacher's college"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recognised_environments",
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    sign_off_withdrawn_at = models.DateTimeField(
        _("sign-off withdrawn"),
        null=True,
        blank=True,
        help_text=_("When a change of the tasks or their mapping withdrew the last sign-off."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = LearningEnvironmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning environment")
        verbose_name_plural = _("learning environments")
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True)
                | (Q(recognised_on__isnull=False) & ~Q(teacher_name="")),
                name="signed_off_environment_names_teacher_and_date",
                violation_error_message=_(
                    "A signed-off recognition needs the teacher and the date."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("www:learning_environment", kwargs={"public_id": self.public_id})

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class EnvironmentTask(models.Model):
    environment = models.ForeignKey(
        LearningEnvironment, on_delete=models.CASCADE, related_name="tasks"
    )
    name = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.name


class TaskRequirement(models.Model):
    """A task demonstrates one vocational skill requirement of a qualification unit
    (`unit.skill_requirements[requirement_index]`)."""

    task = models.ForeignKey(EnvironmentTask, on_delete=models.CASCADE, related_name="requirements")
    unit = models.ForeignKey(
        "qualifications.QualificationUnit",
        verbose_name=_("qualification unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requirement_index = models.PositiveSmallIntegerField(_("skill requirement"))

    class Meta:
        ordering = ["unit__name_fi", "requirement_index"]
        verbose_name = _("requirement demonstrated by a task")
        verbose_name_plural = _("requirements demonstrated by tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "requirement_index"], name="unique_task_requirement"
            )
        ]

    @property
    def text(self) -> dict:
        """The requirement in fi/sv/en ({} when the unit's text has changed under it)."""
        reqs = self.unit.skill_requirements or []
        return reqs[self.requirement_index] if self.requirement_index < len(reqs) else {}


class EnvironmentPeriodQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Periods of job seekers the user may see with the competences scope."""
        from kohtaamo.clients.enums import ConsentScope
        from kohtaamo.clients.models import Client

        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            client__in=Client.objects.visible_to(user, ConsentScope.COMPETENCES).values("pk")
        )


class EnvironmentPeriod(models.Model):
    """A job seeker's period in a learning environment and the tasks they demonstrated."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("job seeker"),
        on_delete=models.CASCADE,
        related_name="environment_periods",
    )
    environment = models.ForeignKey(
        LearningEnvironment,
        verbose_name=_("learning environment"),
        on_delete=models.PROTECT,
        related_name="periods",
    )
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"), null=True, blank=True)
    demonstrated_tasks = models.ManyToManyField(
        EnvironmentTask, verbose_name=_("tasks demonstrated"), blank=True, related_name="+"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    certificate_issued_on = models.DateField(_("certificate issued"), null=True, blank=True)
    certificate = models.JSONField(
        _("certificate as issued"),
        default=dict,
        blank=True,
        help_text=_(
            "What the certificate lists, frozen when it is issued "
            "(kohtaamo.recognition.certificate.snapshot)."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EnvironmentPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("learning environment period")
        verbose_name_plural = _("learning environment periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="period_ends_after_it_starts",
                violation_error_message=_("A period cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} @ {self.environment}"
