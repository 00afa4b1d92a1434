import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.employers.enums import ReportLanguage, SizeClass
from kohtaamo.organisations.enums import Role

# Roles that work with companies; a regional analyst sees aggregates only.
EMPLOYER_ROLES = (Role.COORDINATOR, Role.COMPANY_COORDINATOR, Role.ORGANISATION_ADMIN)


class EmployerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Employers that one of the user's organisations works with (in a working role)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            partnerships__organisation__memberships__user=user,
            partnerships__organisation__memberships__is_active=True,
            partnerships__organisation__memberships__role__in=EMPLOYER_ROLES,
            partnerships__organisation__is_active=True,
        ).distinct()

    def active(self):
        return self.filter(is_active=True)


class Employer(models.Model):
    """A company or other employer the region's organisations work with."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        help_text=_("Y-tunnus, e.g. 0210427-6. Blank only for employers imported without one."),
    )
    name = models.CharField(_("name"), max_length=200)
    industry = models.CharField(
        _("industry (TOL 2008)"), max_length=10, blank=True, help_text=_("e.g. 55.10")
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )
    peak_months = models.JSONField(
        _("months of peak need"),
        default=list,
        blank=True,
        help_text=_("Month numbers 1-12 when the employer needs the most workers."),
    )
    language = models.CharField(
        _("language of reports"),
        max_length=2,
        choices=ReportLanguage.choices,
        default=ReportLanguage.FI,
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        through="EmployerPartnership",
        related_name="employers",
        verbose_name=_("organisations working with the employer"),
    )

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~models.Q(business_id=""),
                name="unique_employer_business_id",
                violation_error_message=_("An employer with this business ID already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("www:employer", kwargs={"public_id": self.public_id})


class EmployerPartnership(models.Model):
    """An organisation works with (and so sees) an employer."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField(_("since"), default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "organisation"], name="unique_employer_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} - {self.employer}"


class ContactPerson(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name
