"""Matchmaking events: employers' tables, job seekers' registrations, wishes and interviews.

An event belongs to its organising organisation (with co-organisers). Its members manage it:
employers, registrations, the schedule and the follow-up. Published events are seen by every
staff member and by job seekers in their own view. A registration carries the person's
consent to show their competence summary to the event's employers; without it the employers
see the name only. Interviews are written only by `kohtaamo.events.schedules`.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Organisation

from .enums import EventKind, Outcome, RegistrationStatus, RunKind, WishedBy, WishKind

ORGANISER_ROLES = (Role.COORDINATOR, Role.COMPANY_COORDINATOR, Role.ORGANISATION_ADMIN)
MAX_SLOTS = 48


def _organiser_filter(user, prefix: str = "") -> Q:
    """Events whose organiser or co-organiser has the user as an active member."""
    memberships = {
        "memberships__user": user,
        "memberships__is_active": True,
        "memberships__role__in": ORGANISER_ROLES,
        "is_active": True,
    }
    organisations = Organisation.objects.filter(**memberships).values("pk")
    return Q(**{f"{prefix}organisation__in": organisations}) | Q(
        **{f"{prefix}co_organisers__in": organisations}
    )


class EventQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Events the user organises (through an organisation with an organiser role)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pk__in=self.filter(_organiser_filter(user)).values("pk"))

    def visible_to(self, user):
        """Published events, and the user's own events in preparation."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        own = self.filter(_organiser_filter(user)).values("pk")
        return self.filter(Q(published=True) | Q(pk__in=own))

    def open_for_registration(self, today=None):
        today = today or timezone.localdate()
        return self.filter(published=True, registration_open=True, date__gte=today)


class Event(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    co_organisers = models.ManyToManyField(
        Organisation, verbose_name=_("co-organisers"), blank=True, related_name="co_events"
    )
    project = models.ForeignKey(
        "esf.Project",
        verbose_name=_("EU social fund project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Outcomes of the project's participants flow into their exit forms."),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("first slot starts"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=10,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    slot_count = models.PositiveSmallIntegerField(
        _("number of slots"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLOTS)],
    )
    breaks = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        help_text=_("Slot numbers (from 1) without interviews, e.g. a coffee break."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    online_url = models.URLField(_("online link"), blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. fi, sv, en.")
    )
    seeker_capacity = models.PositiveSmallIntegerField(
        _("places for job seekers"),
        null=True,
        blank=True,
        help_text=_("Registrations beyond this go to the waiting list. Empty: no limit."),
    )
    min_interviews = models.PositiveSmallIntegerField(
        _("interviews per job seeker at least"),
        default=1,
        validators=[MaxValueValidator(MAX_SLOTS)],
    )
    max_interviews = models.PositiveSmallIntegerField(
        _("interviews per job seeker at most"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SLOTS)],
    )
    published = models.BooleanField(_("published"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_interviews__lte=models.F("max_interviews")),
                name="event_min_interviews_within_max",
                violation_error_message=_("The least number of interviews cannot exceed the most."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("www:event", kwargs={"public_id": self.public_id})

    @property
    def has_interviews(self) -> bool:
        from .enums import INTERVIEW_KINDS

        return self.kind in INTERVIEW_KINDS

    @property
    def break_slots(self) -> frozenset[int]:
        """Breaks as 0-based slot indices (the form and pages count from 1)."""
        return frozenset(int(b) - 1 for b in self.breaks if 1 <= int(b) <= self.slot_count)

    def slot_start(self, slot: int) -> datetime:
        """Start of a 0-based slot, in the current time zone."""
        first = timezone.make_aware(datetime.combine(self.date, self.start_time))
        return first + timedelta(minutes=self.slot_minutes * slot)

    def slot_end(self, slot: int) -> datetime:
        return self.slot_start(slot) + timedelta(minutes=self.slot_minutes)

    def ends_at(self) -> datetime:
        return self.slot_start(self.slot_count)

    def is_past(self, today=None) -> bool:
        return self.date < (today or timezone.localdate())


class EventEmployer(models.Model):
    """An employer at the event: its vacancies on offer and its tables (interviewers per slot)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="employers")
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="event_participations",
    )
    vacancies = models.ManyToManyField(
        "vacancies.Vacancy", verbose_name=_("vacancies"), blank=True, related_name="+"
    )
    tables = models.PositiveSmallIntegerField(
        _("interviewers per slot"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    table_label = models.CharField(
        _("table"),
        max_length=40,
        blank=True,
        help_text=_("Where the employer sits, e.g. 'Table 4'."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact's email"), blank=True)
    unavailable_slots = models.JSONField(
        _("slots away"), default=list, blank=True, help_text=_("Slot numbers (from 1).")
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["table_label", "id"]
        verbose_name = _("employer at an event")
        verbose_name_plural = _("employers at events")
        constraints = [
            models.UniqueConstraint(fields=["event", "employer"], name="employer_once_per_event"),
        ]

    def __str__(self) -> str:
        return str(self.employer)

    @property
    def unavailable(self) -> frozenset[int]:
        return frozenset(int(s) - 1 for s in self.unavailable_slots)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "id")

    def visible_to(self, user):
        """Registrations of the events the user organises, and of job seekers the user sees."""
        from kohtaamo.clients.models import Client

        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(event__in=Event.objects.managed_by(user))
            | Q(client__in=Client.objects.visible_to(user))
        )


class Registration(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("job seeker"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    share_competences = models.BooleanField(
        _("competence summary may be shown to the event's employers"), default=False
    )
    self_registered = models.BooleanField(_("registered by the job seeker"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    min_interviews = models.PositiveSmallIntegerField(
        _("interviews at least"), null=True, blank=True, validators=[MaxValueValidator(MAX_SLOTS)]
    )
    max_interviews = models.PositiveSmallIntegerField(
        _("interviews at most"), null=True, blank=True, validators=[MaxValueValidator(MAX_SLOTS)]
    )
    unavailable_slots = models.JSONField(
        _("slots away"), default=list, blank=True, help_text=_("Slot numbers (from 1).")
    )
    note = models.CharField(_("note for the organisers"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "client"], name="one_registration_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.client}"

    @property
    def unavailable(self) -> frozenset[int]:
        return frozenset(int(s) - 1 for s in self.unavailable_slots)

    def waiting_position(self) -> int | None:
        """1 for the first in the queue (first come, first served); None when not waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        ahead = self.event.registrations.waiting().filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, id__lt=self.id)
        )
        return ahead.count() + 1

    def interview_range(self) -> tuple[int, int]:
        low = self.event.min_interviews if self.min_interviews is None else self.min_interviews
        high = self.event.max_interviews if self.max_interviews is None else self.max_interviews
        return min(low, high), high


class Wish(models.Model):
    """A "must meet" or "must not meet" wish of the job seeker or the employer."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="wishes")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="wishes")
    event_employer = models.ForeignKey(
        EventEmployer, on_delete=models.CASCADE, related_name="wishes", verbose_name=_("employer")
    )
    kind = models.CharField(_("wish"), max_length=14, choices=WishKind.choices)
    wished_by = models.CharField(_("wished by"), max_length=10, choices=WishedBy.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "event_employer"], name="one_wish_per_pair"
            ),
        ]


class ScheduleRun(models.Model):
    """One run of the optimiser: what it achieved and what it proved."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    kind = models.CharField(max_length=10, choices=RunKind.choices)
    objective = models.FloatField(_("total match quality"))
    bound = models.FloatField(_("proven upper bound"))
    gap = models.FloatField(_("optimality gap"))
    seconds = models.FloatField()
    interviews = models.PositiveIntegerField(_("interviews"))
    kept = models.PositiveIntegerField(_("interviews kept in place"), default=0)
    seekers_without_interview = models.JSONField(default=list, blank=True)
    unmet_must_meet = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")


class InterviewQuerySet(models.QuerySet):
    def with_people(self):
        return self.select_related(
            "registration__client", "event_employer__employer", "vacancy", "event"
        )


class Interview(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interviews")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="interviews"
    )
    event_employer = models.ForeignKey(
        EventEmployer, on_delete=models.CASCADE, related_name="interviews"
    )
    vacancy = models.ForeignKey(
        "vacancies.Vacancy",
        verbose_name=_("vacancy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The employer's vacancy that fits the person best."),
    )
    slot = models.PositiveSmallIntegerField(_("slot"))  # 0-based
    table = models.PositiveSmallIntegerField(_("table"), default=1)  # 1..tables
    fit = models.FloatField(_("match quality"))
    why = models.JSONField(
        _("why"),
        default=dict,
        blank=True,
        help_text=_("The requirements met: {'met': [uri...], 'essential_met': n, 'essential': m}."),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("comment"), max_length=500, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    referral = models.ForeignKey(
        "paths.Referral",
        verbose_name=_("referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_interviews",
    )

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "event_employer_id", "table"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.UniqueConstraint(fields=["registration", "slot"], name="seeker_once_per_slot"),
            models.UniqueConstraint(
                fields=["event_employer", "slot", "table"], name="table_once_per_slot"
            ),
            models.UniqueConstraint(
                fields=["registration", "event_employer"], name="pair_meets_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration.client} – {self.event_employer} ({self.slot + 1})"

    @property
    def slot_number(self) -> int:
        return self.slot + 1

    @property
    def starts_at(self) -> datetime:
        return self.event.slot_start(self.slot)

    @property
    def ends_at(self) -> datetime:
        return self.event.slot_end(self.slot)


class FollowUpLink(models.Model):
    """The employer's link to its schedule and to recording outcomes, without an account.

    Only the SHA-256 of the token is stored. The link works until `expires_at` (some weeks after
    the event) for as many visits as needed; a new link voids the employer's earlier ones.
    """

    event_employer = models.ForeignKey(
        EventEmployer, on_delete=models.CASCADE, related_name="links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("employer's event link")
        verbose_name_plural = _("employers' event links")

    def is_usable(self, now=None) -> bool:
        return self.expires_at > (now or timezone.now())
