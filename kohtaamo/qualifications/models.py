from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kohtaamo.core.i18n import LocalizedNameMixin, localized
from kohtaamo.qualifications.enums import QualificationKind, UnitKind
from kohtaamo.qualifications.eperusteet import MAX_CODE_LENGTH, MAX_NAME_LENGTH

QUALIFICATION_URN = "urn:eperusteet:peruste:"
UNIT_URN = "urn:eperusteet:tutkinnonosa:"
EPERUSTEET_WEB = "https://eperusteet.opintopolku.fi/#/fi/ammatillinen/"


def qualification_uri(eperusteet_id: int) -> str:
    """Stable identifier in the taxonomy search index; ePerusteet never reuses its ids."""
    return f"{QUALIFICATION_URN}{eperusteet_id}"


def unit_uri(eperusteet_id: int) -> str:
    return f"{UNIT_URN}{eperusteet_id}"


def _scope_field() -> models.DecimalField:
    return models.DecimalField(
        _("scope (competence points)"), max_digits=4, decimal_places=1, null=True, blank=True
    )


def _non_negative_scope(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(scope__isnull=True) | Q(scope__gte=0),
        name=name,
        violation_error_message=_("The scope cannot be negative."),
    )


class Qualification(LocalizedNameMixin, models.Model):
    """A vocational qualification (tutkinto), as one version of its ePerusteet requirements.

    ePerusteet publishes each new version of a qualification's requirements (peruste) under a
    new id, so two rows may carry the same name with different validity dates.
    """

    eperusteet_id = models.PositiveBigIntegerField(_("ePerusteet id"), unique=True)
    diary_number = models.CharField(_("diary number"), max_length=MAX_CODE_LENGTH, blank=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=MAX_NAME_LENGTH, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=MAX_NAME_LENGTH, blank=True)
    name_en = models.CharField(_("name in English"), max_length=MAX_NAME_LENGTH, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=QualificationKind.choices,
        default=QualificationKind.OTHER,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    scope = _scope_field()
    units = models.ManyToManyField(
        "QualificationUnit",
        through="QualificationComposition",
        related_name="qualifications",
        verbose_name=_("units"),
    )

    class Meta:
        ordering = ["name_fi", "eperusteet_id"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [_non_negative_scope("qualification_scope_not_negative")]

    @property
    def uri(self) -> str:
        return qualification_uri(self.eperusteet_id)

    @property
    def web_url(self) -> str:
        return f"{EPERUSTEET_WEB}{self.eperusteet_id}"


class QualificationUnit(LocalizedNameMixin, models.Model):
    """A qualification unit (tutkinnon osa): what a person must be able to do, in one area.

    The same unit code (e.g. 400014) appears in many perusteet, each with its own ePerusteet id
    and text; `code` is therefore not unique.
    """

    eperusteet_id = models.PositiveBigIntegerField(_("ePerusteet id"), unique=True)
    code = models.CharField(_("code"), max_length=MAX_CODE_LENGTH, blank=True, db_index=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=MAX_NAME_LENGTH, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=MAX_NAME_LENGTH, blank=True)
    name_en = models.CharField(_("name in English"), max_length=MAX_NAME_LENGTH, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=UnitKind.choices, default=UnitKind.NORMAL
    )
    scope = _scope_field()
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    skill_requirements = models.JSONField(
        _("vocational skill requirements"),
        default=list,
        blank=True,
        help_text=_('A list of {"fi": ..., "sv": ..., "en": ...}; missing languages are "".'),
    )

    class Meta:
        ordering = ["name_fi", "eperusteet_id"]
        verbose_name = _("qualification unit")
        verbose_name_plural = _("qualification units")
        constraints = [_non_negative_scope("qualification_unit_scope_not_negative")]

    @property
    def uri(self) -> str:
        return unit_uri(self.eperusteet_id)

    @property
    def description(self) -> str:
        return localized(self, "description")


class QualificationComposition(models.Model):
    """A unit's place in a qualification."""

    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, related_name="compositions"
    )
    unit = models.ForeignKey(
        QualificationUnit, on_delete=models.CASCADE, related_name="compositions"
    )
    mandatory = models.BooleanField(
        _("mandatory"),
        null=True,
        blank=True,
        help_text=_("Empty when the source says only that the unit belongs to the qualification."),
    )
    scope = _scope_field()
    module = models.CharField(
        _("module"),
        max_length=MAX_NAME_LENGTH,
        blank=True,
        help_text=_("The group of the structure, e.g. a competence area's mandatory units."),
    )

    class Meta:
        ordering = ["qualification", "-mandatory", "module", "unit__name_fi"]
        verbose_name = _("unit of a qualification")
        verbose_name_plural = _("units of qualifications")
        constraints = [
            models.UniqueConstraint(
                fields=["qualification", "unit"],
                name="qualification_composition_unique",
                violation_error_message=_("The unit is already part of this qualification."),
            ),
            _non_negative_scope("qualification_composition_scope_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.qualification}: {self.unit}"
