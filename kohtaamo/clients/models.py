import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients.enums import (
    ClientStatus,
    CompetenceSource,
    ConsentScope,
    EducationLevel,
    Gender,
    HoursWish,
    SeasonWish,
)
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.organisations.enums import Role

# Roles that work with job seekers. Company coordinators work with employers and see job
# seekers only through what the seekers share (matching, events); analysts see aggregates.
CLIENT_ROLES = (Role.COORDINATOR, Role.ORGANISATION_ADMIN)
SCOPE_ORDER = [ConsentScope.BASIC, ConsentScope.COMPETENCES, ConsentScope.FULL]
LONG_TERM_DAYS = 365


def scopes_at_least(scope: str) -> list[str]:
    """The scopes that include `scope` (FULL includes COMPETENCES includes BASIC)."""
    return [s.value for s in SCOPE_ORDER[SCOPE_ORDER.index(ConsentScope(scope)) :]]


def _working_organisations(user):
    from kohtaamo.organisations.models import Organisation

    return Organisation.objects.filter(
        is_active=True,
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=CLIENT_ROLES,
    )


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user, scope: str = ConsentScope.BASIC):
        """Clients of the user's organisations, and clients whose valid, unwithdrawn consent
        lets one of the user's organisations see at least `scope`. Everyone else: nothing."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        organisations = _working_organisations(user)
        consented = Consent.objects.active().filter(
            organisation__in=organisations, scope__in=scopes_at_least(scope)
        )
        return self.filter(
            Q(organisation__in=organisations) | Q(pk__in=consented.values("client"))
        ).filter(erased_at__isnull=True)

    def target_group(self, code: str, *, today: date | None = None):
        """Filter by a target group of the EU social fund; derived ones from dates."""
        today = today or timezone.localdate()
        derived = {
            "under_30": Q(birth_year__gt=today.year - 30),
            "over_54": Q(birth_year__lt=today.year - 54),
            "long_term_unemployed": Q(
                unemployment_start__lte=today - timezone.timedelta(days=LONG_TERM_DAYS)
            ),
            "no_vocational_qualification": Q(education_level__in=NO_VOCATIONAL_LEVELS),
            "immigrant": Q(immigrant=True),
            "partial_work_ability": Q(partial_work_ability=True),
        }
        return self.filter(derived[code])


NO_VOCATIONAL_LEVELS = (
    EducationLevel.NONE,
    EducationLevel.BASIC,
    EducationLevel.GENERAL_UPPER_SECONDARY,
)
TARGET_GROUPS = (
    ("under_30", _("under 30")),
    ("over_54", _("over 54")),
    ("long_term_unemployed", _("long-term unemployed (12+ months)")),
    ("immigrant", _("immigrant")),
    ("partial_work_ability", _("partial work ability")),
    ("no_vocational_qualification", _("no vocational qualification")),
)


class Client(models.Model):
    """A job seeker served by the region's organisations. Minimal personal data by design."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="clients",
        help_text=_("The organisation that created the record and owns it."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login of the job seeker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="client_profile",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    identity_code = models.CharField(
        _("personal identity code"),
        max_length=11,
        blank=True,
        help_text=_("Stored only when the organisation has turned it on."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.NOT_TOLD
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    education_level = models.CharField(
        _("education level"),
        max_length=30,
        choices=EducationLevel.choices,
        default=EducationLevel.UNKNOWN,
    )
    unemployment_start = models.DateField(_("unemployed since"), null=True, blank=True)
    immigrant = models.BooleanField(_("immigrant"), default=False)
    partial_work_ability = models.BooleanField(_("partial work ability"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ClientStatus.choices, default=ClientStatus.ACTIVE
    )
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    # Wishes.
    wished_occupations = models.ManyToManyField(
        "taxonomy.Concept",
        verbose_name=_("wished occupations"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    wished_municipalities = models.ManyToManyField(
        "geo.Municipality", verbose_name=_("wished municipalities"), blank=True, related_name="+"
    )
    commuting_radius_km = models.PositiveIntegerField(
        _("commuting radius (km)"), default=30, validators=[MaxValueValidator(1000)]
    )
    season_wish = models.CharField(
        _("seasonal or year-round"), max_length=12, choices=SeasonWish.choices, default="any"
    )
    hours_wish = models.CharField(
        _("full or part time"), max_length=5, choices=HoursWish.choices, default="any"
    )
    willing_to_relocate = models.BooleanField(_("willing to relocate"), default=False)
    # Strengths and development needs, as the counsellor and the person see them.
    strengths_counsellor = models.TextField(_("strengths (counsellor)"), blank=True)
    strengths_own = models.TextField(_("strengths (own view)"), blank=True)
    development_counsellor = models.TextField(_("development needs (counsellor)"), blank=True)
    development_own = models.TextField(_("development needs (own view)"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("www:client", kwargs={"public_id": self.public_id})

    def age_in(self, year: int) -> int:
        return year - self.birth_year

    @property
    def age_group(self) -> str:
        """The age band this year: what those who may not see the year of birth see."""
        from kohtaamo.clients.ages import age_group

        return age_group(self.birth_year, timezone.localdate().year)

    def target_groups(self, today: date | None = None) -> list[str]:
        """The codes of TARGET_GROUPS that apply to this person today."""
        today = today or timezone.localdate()
        groups = {
            "under_30": self.birth_year > today.year - 30,
            "over_54": self.birth_year < today.year - 54,
            "long_term_unemployed": bool(
                self.unemployment_start and (today - self.unemployment_start).days >= LONG_TERM_DAYS
            ),
            "immigrant": self.immigrant,
            "partial_work_ability": self.partial_work_ability,
            "no_vocational_qualification": self.education_level in NO_VOCATIONAL_LEVELS,
        }
        return [code for code, _label in TARGET_GROUPS if groups[code]]


class ClientLanguage(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=3, help_text=_("ISO 639-1, e.g. fi"))
    level = models.CharField(_("level"), max_length=6, help_text=_("CEFR A1-C2, or native"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["client", "code"], name="unique_client_language")
        ]


class ClientCompetence(models.Model):
    """A competence of a job seeker with its level (1-5) and where the evidence comes from.

    Suggestions (from a CV or from work history) are stored unconfirmed, with a lower
    confidence, until the person or the counsellor confirms them.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="competences")
    uri = models.CharField(_("competence"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=CompetenceKind.choices)
    level = models.PositiveSmallIntegerField(
        _("level"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    source = models.CharField(_("source"), max_length=24, choices=CompetenceSource.choices)
    confidence = models.FloatField(
        _("confidence"), default=1.0, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    confirmed = models.BooleanField(_("confirmed"), default=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-confirmed", "-level", "id"]
        verbose_name = _("competence of a job seeker")
        verbose_name_plural = _("competences of job seekers")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "uri", "source"], name="unique_client_competence_source"
            )
        ]


class WorkHistoryEntry(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="work_history")
    occupation = models.ForeignKey(
        "taxonomy.Concept",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)
    years = models.DecimalField(
        _("years"),
        max_digits=4,
        decimal_places=1,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    ended_year = models.PositiveSmallIntegerField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-ended_year", "id"]
        verbose_name = _("work history")
        verbose_name_plural = _("work history")


class ConsentQuerySet(models.QuerySet):
    def active(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, valid_until__gte=today)


class Consent(models.Model):
    """The person's consent for another organisation to join their team.

    Withdrawal takes effect at once: `visible_to` reads only active consents.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope = models.CharField(_("scope"), max_length=12, choices=ConsentScope.choices)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    valid_until = models.DateField(_("valid until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_in_own_view = models.BooleanField(
        _("given by the person in their own view"), default=False
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_consent_per_organisation",
                violation_error_message=_("The organisation already has a consent in force."),
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.valid_until >= timezone.localdate()
