from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptKind(models.TextChoices):
    SKILL = "skill", _("skill")
    SKILL_GROUP = "skill_group", _("skill group")
    OCCUPATION = "occupation", _("occupation")
    ISCO_GROUP = "isco_group", _("ISCO group")


class SkillType(models.TextChoices):
    SKILL = "skill/competence", _("skill or competence")
    KNOWLEDGE = "knowledge", _("knowledge")
    NONE = "", _("not specified")


class RelationType(models.TextChoices):
    ESSENTIAL = "essential", _("essential")
    OPTIONAL = "optional", _("optional")


class SearchKind(models.TextChoices):
    """What the taxonomy search can return."""

    SKILL = "skill", _("skill")
    OCCUPATION = "occupation", _("occupation")
    LICENCE = "licence", _("licence or card")
    UNIT = "unit", _("qualification unit")
    QUALIFICATION = "qualification", _("qualification")
    SKILL_GROUP = "skill_group", _("skill group")
    ISCO_GROUP = "isco_group", _("ISCO group")


class LicenceCategory(models.TextChoices):
    SAFETY = "safety", _("occupational safety")
    FOOD = "food", _("food and hospitality")
    FIRST_AID = "first_aid", _("first aid")
    DRIVING = "driving", _("driving and transport")
    MACHINERY = "machinery", _("machinery")
    ELECTRICAL = "electrical", _("electrical work")
    SECURITY = "security", _("security")
