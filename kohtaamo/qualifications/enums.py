from django.db import models
from django.utils.translation import gettext_lazy as _


class QualificationKind(models.TextChoices):
    """The kinds of Finnish vocational qualifications; values are ePerusteet's own terms."""

    VOCATIONAL = "ammatillinenperustutkinto", _("vocational qualification")
    FURTHER = "ammattitutkinto", _("further vocational qualification")
    SPECIALIST = "erikoisammattitutkinto", _("specialist vocational qualification")
    OTHER = "muu", _("other education")


class UnitKind(models.TextChoices):
    NORMAL = "normaali", _("vocational qualification unit")
    COMMON = "yhteinen", _("common qualification unit")
