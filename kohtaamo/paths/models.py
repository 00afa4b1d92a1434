"""Paths to work: the service catalogue, each person's path (employment plan) and referrals.

A service type is what a step of a person's path can be: a work trial, a pay subsidy, a card
course... The shared catalogue (organisation empty) is seeded with the Finnish employment
services (kohtaamo/paths/catalogue.py); an organisation's admins may add their own types.

A path belongs to one job seeker and is shared by their team (the owning organisation and the
organisations with a consent of at least the competences scope). Steps and referrals change
status only through `kohtaamo.paths.services`, which checks the workflow
(`kohtaamo.paths.transitions`) and writes the transition log in the same transaction.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.core.i18n import LocalizedNameMixin, localized
from kohtaamo.organisations.enums import OrganisationKind
from kohtaamo.organisations.models import Organisation
from kohtaamo.paths import transitions as flow


class ServiceTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def available_to(self, organisation: Organisation | None):
        """The shared catalogue and the organisation's own types."""
        shared = models.Q(organisation__isnull=True)
        return self.filter(shared | models.Q(organisation=organisation) if organisation else shared)


class ServiceType(LocalizedNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service_types",
        help_text=_("Empty for the shared catalogue of the region."),
    )
    name_fi = models.CharField(_("name (Finnish)"), max_length=150)
    name_sv = models.CharField(_("name (Swedish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    description_fi = models.TextField(_("description (Finnish)"))
    description_sv = models.TextField(_("description (Swedish)"))
    description_en = models.TextField(_("description (English)"))
    provider_kinds = models.JSONField(
        _("provided by"),
        default=list,
        blank=True,
        help_text=_("Kinds of organisation that provide the service."),
    )
    eligible_groups = models.JSONField(
        _("for"),
        default=list,
        blank=True,
        help_text=_("Target groups the service is meant for; empty: every job seeker."),
    )
    typical_duration_days = models.PositiveSmallIntegerField(
        _("typical duration (days)"), null=True, blank=True, validators=[MaxValueValidator(1100)]
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ServiceTypeQuerySet.as_manager()

    class Meta:
        ordering = ["name_fi", "id"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(organisation__isnull=True),
                name="unique_shared_service_code",
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"], name="unique_organisation_service_code"
            ),
        ]

    @property
    def description(self) -> str:
        return localized(self, "description")

    def provider_labels(self) -> list[str]:
        labels = dict(OrganisationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.provider_kinds]

    def eligibility(self, target_groups: list[str]) -> tuple[bool, list[str]]:
        """(eligible, the service's groups the person belongs to): a service meant for some
        groups is open to a person in at least one of them; one for nobody in particular is
        open to all."""
        matching = [g for g in self.eligible_groups if g in set(target_groups)]
        return (not self.eligible_groups or bool(matching)), matching


class StepStatus(models.TextChoices):
    PLANNED = flow.PLANNED, _("planned")
    ONGOING = flow.ONGOING, _("ongoing")
    DONE = flow.DONE, _("done")
    INTERRUPTED = flow.INTERRUPTED, _("interrupted")


class StepKind(models.TextChoices):
    SERVICE = "service", _("service")
    TRAINING = "training", _("training offer")
    REFERRAL = "referral", _("referral")
    LEARNING_ENVIRONMENT = "learning_environment", _("learning environment period")


class ReferralStatus(models.TextChoices):
    SENT = flow.SENT, _("sent")
    SEEN = flow.SEEN, _("seen")
    INTERVIEW = flow.INTERVIEW, _("interview")
    HIRED = flow.HIRED, _("hired")
    NOT_CHOSEN = flow.NOT_CHOSEN, _("not chosen")
    WITHDRAWN = flow.WITHDRAWN, _("withdrawn")


class ReferralKind(models.TextChoices):
    VACANCY = "vacancy", _("vacancy")
    EMPLOYER = "employer", _("employer")
    TRAINING = "training", _("training offer")
    SERVICE = "service", _("service")


def _client_team_filter(user, prefix: str = "client") -> Q:
    """Rows whose job seeker the user's organisations may see with the competences scope."""
    from kohtaamo.clients.enums import ConsentScope
    from kohtaamo.clients.models import Client

    visible = Client.objects.visible_to(user, ConsentScope.COMPETENCES)
    return Q(**{f"{prefix}__in": visible.values("pk")})


class PathQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Paths of job seekers whose team the user's organisation belongs to."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(_client_team_filter(user))


class Path(models.Model):
    """A job seeker's path to work (employment plan): goals and the steps towards them."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.OneToOneField(
        "clients.Client",
        on_delete=models.CASCADE,
        related_name="path",
        verbose_name=_("job seeker"),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField(_("summary of the plan"), blank=True)
    agreed_on = models.DateField(_("agreed with the job seeker"), null=True, blank=True)
    review_on = models.DateField(_("next review"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PathQuerySet.as_manager()

    class Meta:
        verbose_name = _("path to work")
        verbose_name_plural = _("paths to work")

    def __str__(self) -> str:
        return str(_("Path of %(client)s") % {"client": self.client})


class Goal(models.Model):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        verbose_name=_("occupation aimed at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    achieved_on = models.DateField(_("achieved"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    """One step of a path: a service, a training offer, a referral or a learning environment
    period, with the organisation responsible for it, dates and a status with its log."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="steps")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=StepKind.choices)
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="steps",
    )
    training_offer = models.ForeignKey(
        "training.TrainingOffer",
        verbose_name=_("training offer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral = models.ForeignKey(
        "paths.Referral",
        verbose_name=_("referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
    )
    environment_period = models.ForeignKey(
        "recognition.EnvironmentPeriod",
        verbose_name=_("learning environment period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=flow.INTERRUPTED) | ~Q(status_reason=""),
                name="interrupted_step_has_reason",
                violation_error_message=_("An interrupted step needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="step_ends_after_it_starts",
                violation_error_message=_("A step cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(
            self.service_type or self.training_offer or self.get_kind_display()
        )


class StepTransition(models.Model):
    """The log of a step's statuses; append-only by convention (written by services only)."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="transitions")
    old_status = models.CharField(max_length=12, choices=StepStatus.choices, blank=True)
    new_status = models.CharField(max_length=12, choices=StepStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change of a step")
        verbose_name_plural = _("status changes of steps")


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals of job seekers whose team the user's organisation belongs to."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(_client_team_filter(user))

    def open(self):
        return self.filter(status__in=[flow.SENT, flow.SEEN, flow.INTERVIEW])

    def with_targets(self):
        """The person, the sender and whatever the referral points to, in one query."""
        return self.select_related(
            "client", "organisation", "vacancy__employer", "employer", "training_offer",
            "service_type",
        )  # fmt: skip

    def unanswered(self, today=None):
        """Sent, never answered, and past the day an answer was due: to be chased."""
        today = today or timezone.localdate()
        return self.filter(status=flow.SENT, answered_at__isnull=True, answer_due__lt=today)


class Referral(models.Model):
    """A job seeker referred to a vacancy, an employer, a training offer or a service.

    The receiving side answers through a one-time link (`AnswerLink`) or the coordinator records
    what they heard; every status change is logged in `ReferralEvent`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("job seeker"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referring organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    kind = models.CharField(_("referred to"), max_length=10, choices=ReferralKind.choices)
    vacancy = models.ForeignKey(
        "vacancies.Vacancy",
        verbose_name=_("vacancy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    training_offer = models.ForeignKey(
        "training.TrainingOffer",
        verbose_name=_("training offer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    receiver_name = models.CharField(_("receiver"), max_length=200, blank=True)
    receiver_email = models.EmailField(_("receiver's email"), blank=True)
    message = models.TextField(_("message to the receiver"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    sent_on = models.DateField(_("sent"), default=timezone.localdate)
    answer_due = models.DateField(_("answer due"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["status", "answer_due"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=flow.NOT_CHOSEN) | ~Q(status_reason=""),
                name="not_chosen_referral_has_reason",
                violation_error_message=_("Say why the person was not chosen."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="vacancy") & Q(vacancy__isnull=False))
                | (Q(kind="employer") & Q(employer__isnull=False))
                | (Q(kind="training") & Q(training_offer__isnull=False))
                | (Q(kind="service") & Q(service_type__isnull=False)),
                name="referral_names_its_target",
                violation_error_message=_(
                    "A referral needs the vacancy, employer, training "
                    "offer or service it refers to."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} -> {self.target}"

    @property
    def target(self):
        return {
            ReferralKind.VACANCY: self.vacancy,
            ReferralKind.EMPLOYER: self.employer,
            ReferralKind.TRAINING: self.training_offer,
            ReferralKind.SERVICE: self.service_type,
        }[self.kind]

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == flow.SENT and self.answered_at is None and self.answer_due < today


class ReferralEvent(models.Model):
    """The log of a referral: each status change, by whom (a user or the answer link)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(max_length=12, choices=ReferralStatus.choices, blank=True)
    new_status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via_link = models.BooleanField(_("answered through the link"), default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")


class AnswerLink(models.Model):
    """A one-time link for the receiver of a referral, who has no account.

    Only a SHA-256 hash of the token is stored: the token itself exists only in the mail sent
    to the receiver. A link works once (`used_at`) and until `expires_at`.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="answer_links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("answer link")
        verbose_name_plural = _("answer links")

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.expires_at > now
