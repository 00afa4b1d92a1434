import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.organisations.enums import OrganisationKind, Role


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisations where `user` has an active membership. Everyone else: nothing."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            memberships__user=user, memberships__is_active=True, is_active=True
        ).distinct()


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    business_id = models.CharField(_("business ID"), max_length=9, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    stores_identity_codes = models.BooleanField(
        _("stores personal identity codes"),
        default=False,
        help_text=_("Off by default: job seekers' records hold no personal identity code."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [models.UniqueConstraint(fields=["name"], name="unique_organisation_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("www:organisation", kwargs={"public_id": self.public_id})


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, organisation__is_active=True, user__is_active=True)

    def visible_to(self, user):
        """Members of the organisations where `user` is an active member."""
        return self.filter(organisation__in=Organisation.objects.visible_to(user))


class Membership(models.Model):
    """A user's role in an organisation. Deactivated with a reason, never deleted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)
    deactivation_reason = models.CharField(_("reason for deactivation"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            ),
            models.CheckConstraint(
                condition=models.Q(is_active=True) | ~models.Q(deactivation_reason=""),
                name="deactivated_membership_has_reason",
                violation_error_message=_("A deactivated membership needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"
