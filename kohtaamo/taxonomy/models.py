"""The competence vocabulary: ESCO concepts, their relations, and Finnish licences and cards.

Skills, skill groups, occupations and ISCO groups share one table (`Concept`) because they share
a URI space, labels and the broader/narrower hierarchy; proxy models give each kind its own
manager so that code says `Skill.objects` and `Occupation.objects`.
"""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kohtaamo.core.i18n import LocalizedNameMixin, localized
from kohtaamo.taxonomy.enums import (
    ConceptKind,
    LicenceCategory,
    RelationType,
    SearchKind,
    SkillType,
)


def concept_url(uri: str) -> str:
    """The taxonomy browser's page of any searchable thing, by its URI."""
    return reverse("www:concept") + "?" + urlencode({"uri": uri})


class Collection(LocalizedNameMixin, models.Model):
    """An ESCO collection: digital, green, language, transversal, research skills..."""

    slug = models.SlugField(unique=True)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")


class ConceptQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Concept(models.Model):
    uri = models.CharField(_("URI"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ConceptKind.choices, db_index=True)
    code = models.CharField(_("code"), max_length=40, blank=True, db_index=True)
    skill_type = models.CharField(
        _("skill type"), max_length=20, choices=SkillType.choices, blank=True
    )
    reuse_level = models.CharField(_("reuse level"), max_length=20, blank=True)
    label_fi = models.CharField(_("label (Finnish)"), max_length=300, blank=True)
    label_sv = models.CharField(_("label (Swedish)"), max_length=300, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300)
    alt_labels_en = models.JSONField(_("alternative labels (English)"), default=list, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    occupation_count = models.PositiveIntegerField(
        _("number of occupations that need it"),
        default=0,
        help_text=_("For skills: in how many occupations the skill is essential."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("False when a newer ESCO release dropped it.")
    )
    broader = models.ManyToManyField(
        "self", through="BroaderRelation", symmetrical=False, related_name="narrower"
    )
    collections = models.ManyToManyField(Collection, blank=True, related_name="concepts")

    objects = ConceptQuerySet.as_manager()

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        ordering = ["kind", "label_en"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self, "label")

    def get_absolute_url(self) -> str:
        return concept_url(self.uri)


class _KindManager(models.Manager):
    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return ConceptQuerySet(self.model, using=self._db).filter(kind=self.kind)


class Skill(Concept):
    objects = _KindManager(ConceptKind.SKILL)

    class Meta:
        proxy = True
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class SkillGroup(Concept):
    objects = _KindManager(ConceptKind.SKILL_GROUP)

    class Meta:
        proxy = True
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")


class Occupation(Concept):
    objects = _KindManager(ConceptKind.OCCUPATION)

    class Meta:
        proxy = True
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")


class IscoGroup(Concept):
    objects = _KindManager(ConceptKind.ISCO_GROUP)

    class Meta:
        proxy = True
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")


class BroaderRelation(models.Model):
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+")
    broader = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concept", "broader"], name="unique_broader_relation")
        ]


class OccupationSkill(models.Model):
    """ESCO says: this occupation needs this skill, as essential or optional."""

    occupation = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="occupation_links")
    relation = models.CharField(max_length=10, choices=RelationType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="unique_occupation_skill")
        ]


class SkillRelation(models.Model):
    """ESCO's skill-to-skill relations (a skill is essential or optional for another)."""

    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(max_length=10, choices=RelationType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "related"], name="unique_skill_relation")
        ]


class Licence(LocalizedNameMixin, models.Model):
    """A licence or card Finnish employers ask for, with the course that grants it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=LicenceCategory.choices)
    name_fi = models.CharField(max_length=150)
    name_sv = models.CharField(max_length=150)
    name_en = models.CharField(max_length=150)
    description_fi = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    aliases = models.JSONField(
        _("other names"), default=list, blank=True, help_text=_("Abbreviations and synonyms.")
    )
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    course_days = models.DecimalField(
        _("typical course length (days)"), max_digits=5, decimal_places=1
    )
    validity_years = models.PositiveSmallIntegerField(
        _("valid for (years)"), null=True, blank=True, help_text=_("Empty: does not expire.")
    )
    skills = models.ManyToManyField(Concept, blank=True, related_name="licences")
    requires = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_by"
    )

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("licence or card")
        verbose_name_plural = _("licences and cards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(course_days__gte=0),
                name="licence_course_days_not_negative",
                violation_error_message=_("Course length cannot be negative."),
            )
        ]

    URI_PREFIX = "urn:kohtaamo:licence:"

    @property
    def uri(self) -> str:
        return self.URI_PREFIX + self.code

    @property
    def description(self) -> str:
        return localized(self, "description")

    def get_absolute_url(self) -> str:
        return concept_url(self.uri)


class SearchEntry(models.Model):
    """One label of one searchable thing, analysed for search (see kohtaamo.lang.labelmatch).

    `words` and `parts` hold lemmas separated by spaces, for scoring; `terms` holds both,
    surrounded by spaces, so that the database can pre-filter candidates with one plain
    substring test per query term on any backend.
    """

    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    uri = models.CharField(max_length=200)
    lang = models.CharField(max_length=2)
    label = models.CharField(max_length=400)
    is_preferred = models.BooleanField(default=True)
    words = models.TextField()
    parts = models.TextField(blank=True)
    terms = models.TextField()
    word_count = models.PositiveSmallIntegerField()
    prior = models.FloatField(default=1.0)

    class Meta:
        indexes = [models.Index(fields=["kind", "lang"]), models.Index(fields=["uri"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.lang} {self.label}"


class ReferenceImport(models.Model):
    """The last import of a reference data set, so that `make demo` can skip an unchanged one."""

    name = models.CharField(max_length=50, unique=True)
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField()
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.name} {self.imported_at:%Y-%m-%d %H:%M}"
