"""The service catalogue of paths to work (issue 7; paths, referrals and records follow).

A service type is what a step of a person's path can be: a work trial, a pay subsidy, a card
course... The shared catalogue (organisation empty) is seeded with the Finnish employment
services (kohtaamo/paths/catalogue.py); an organisation's admins may add their own types.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kohtaamo.core.i18n import LocalizedNameMixin, localized
from kohtaamo.organisations.enums import OrganisationKind
from kohtaamo.organisations.models import Organisation


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
