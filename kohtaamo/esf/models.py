"""EU social fund (ESR+) projects and their participants' entry and exit records.

A participant record keeps, besides the link to the job seeker, the gender and the age at entry
as they were recorded: the fund's indicators are computed from these rows alone
(`kohtaamo.esf.indicators`), so they stay the same when a person's record changes later, and
the records outlive an erasure of the person's other data for the fund's retention period.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients.enums import Gender
from kohtaamo.esf.enums import ParticipantStatus
from kohtaamo.organisations.enums import Role

# Roles that keep a project's participant records; analysts see only the suppressed indicators.
RECORD_ROLES = (Role.COORDINATOR, Role.ORGANISATION_ADMIN)


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Projects where one of the user's active organisations is the owner or a partner."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        member = Q(
            organisation__memberships__user=user,
            organisation__memberships__is_active=True,
            organisation__is_active=True,
        ) | Q(
            partners__memberships__user=user,
            partners__memberships__is_active=True,
            partners__is_active=True,
        )
        return self.filter(member).distinct()


class Project(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("project code"), max_length=20, unique=True, help_text=_("EURA code, e.g. S30634")
    )
    name = models.CharField(_("name"), max_length=300)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation running the project"),
        on_delete=models.PROTECT,
        related_name="esf_projects",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="esf_partner_projects",
    )
    funding = models.CharField(_("funding programme"), max_length=100, default="ESR+")
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("EU social fund project")
        verbose_name_plural = _("EU social fund projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_it_starts",
                violation_error_message=_("A project cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("www:project", kwargs={"public_id": self.public_id})


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Records of the user's projects whose job seeker the user may also see."""
        from kohtaamo.clients.models import Client

        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            project__in=Project.objects.visible_to(user),
            client__in=Client.objects.visible_to(user).values("pk"),
        )

    def exit_form_missing(self, today=None):
        """Records whose exit form is owed: an exit date without the exit status, or no exit
        although the project has ended or the person is no longer an active job seeker."""
        today = today or timezone.localdate()
        return self.filter(
            Q(exit_date__isnull=False, exit_status="")
            | Q(exit_date__isnull=True, project__end_date__lt=today)
            | Q(exit_date__isnull=True, client__status__in=["employed", "in_training", "inactive"])
        )


class Participant(models.Model):
    """A job seeker's participation in a project: the entry and exit forms of the fund."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="participants")
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("job seeker"),
        on_delete=models.PROTECT,
        related_name="esf_participations",
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    age_at_entry = models.PositiveSmallIntegerField(
        _("age at entry"), validators=[MaxValueValidator(120)]
    )
    entry_date = models.DateField(_("entered"))
    entry_status = models.CharField(
        _("status at entry"), max_length=24, choices=ParticipantStatus.choices
    )
    exit_date = models.DateField(_("left"), null=True, blank=True)
    exit_status = models.CharField(
        _("status at exit"), max_length=24, choices=ParticipantStatus.choices, blank=True
    )
    licences_gained = models.JSONField(
        _("licences gained"),
        default=list,
        blank=True,
        help_text=_("Licence and card codes gained during the project, e.g. hygiene_passport."),
    )
    new_entrepreneur = models.BooleanField(_("started a business"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["-entry_date", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "client"], name="one_record_per_project_participant"
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=models.F("entry_date")),
                name="participant_exits_after_entry",
                violation_error_message=_("The exit date cannot be before the entry date."),
            ),
            models.CheckConstraint(
                condition=Q(exit_status="") | Q(exit_date__isnull=False),
                name="exit_status_needs_exit_date",
                violation_error_message=_("A status at exit needs the exit date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.client}"
