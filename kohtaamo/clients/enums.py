from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """As the EU social fund's participant data asks for it."""

    FEMALE = "female", _("woman")
    MALE = "male", _("man")
    OTHER = "other", _("other")
    NOT_TOLD = "not_told", _("does not want to say")


class EducationLevel(models.TextChoices):
    NONE = "none", _("no completed education")
    BASIC = "basic", _("basic education")
    GENERAL_UPPER_SECONDARY = "general_upper_secondary", _("general upper secondary")
    VOCATIONAL = "vocational", _("vocational qualification")
    SPECIALIST_VOCATIONAL = "specialist_vocational", _("further or specialist vocational")
    UAS = "uas", _("university of applied sciences degree")
    UNIVERSITY = "university", _("university degree")
    UNKNOWN = "unknown", _("not known")


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    EMPLOYED = "employed", _("employed")
    IN_TRAINING = "in_training", _("in training")
    INACTIVE = "inactive", _("inactive")


class SeasonWish(models.TextChoices):
    ANY = "any", _("either")
    YEAR_ROUND = "year_round", _("year-round")
    SEASONAL = "seasonal", _("seasonal")


class HoursWish(models.TextChoices):
    ANY = "any", _("either")
    FULL_TIME = "full", _("full time")
    PART_TIME = "part", _("part time")


class ConsentScope(models.TextChoices):
    """What a partner organisation in the client's team may see, from least to most."""

    BASIC = "basic", _("contact details and wishes")
    COMPETENCES = "competences", _("also competences and work history")
    FULL = "full", _("everything, including notes")


class CompetenceSource(models.TextChoices):
    """Where a competence comes from, from the strongest evidence to the weakest."""

    CERTIFICATE = "certificate", _("evidenced by a certificate")
    LEARNING_ENVIRONMENT = "learning_environment", _("recognised in a learning environment")
    COUNSELLOR = "counsellor", _("assessed by a counsellor")
    SELF = "self", _("self-assessed")
    WORK_HISTORY = "work_history", _("derived from work history")
