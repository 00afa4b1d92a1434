from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    FILLED = "filled", _("filled")
    CLOSED = "closed", _("closed")


class VacancySource(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    MAPPING = "mapping", _("from a competence mapping")
    TEXT = "text", _("from free text")
    TMT = "tmt", _("Job Market Finland (Työmarkkinatori)")
    CSV = "csv", _("CSV import")
    DEMO = "demo", _("demo data")


class WorkingTime(models.TextChoices):
    FULL_TIME = "full", _("full time")
    PART_TIME = "part", _("part time")


class Permanence(models.TextChoices):
    PERMANENT = "permanent", _("permanent")
    FIXED_TERM = "fixed_term", _("fixed term")
    SEASONAL = "seasonal", _("seasonal")
