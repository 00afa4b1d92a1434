from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English")), ("*", _("any"))]


class SynonymQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_organisation(self, organisation):
        """The words an organisation has added; shared ones come from data/reference."""
        if organisation is None:
            return self.none()
        return self.active().filter(organisation=organisation)


class Synonym(models.Model):
    """A word or phrase an organisation uses for a concept: "lähihoitaja", "kassa", "C-kortti".

    The project's curated list is data (data/reference/synonyms.csv); organisations extend it
    here, and their words count in their own text extraction.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="synonyms"
    )
    lang = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="fi")
    text = models.CharField(_("word or phrase"), max_length=200)
    uri = models.CharField(
        _("concept URI"),
        max_length=200,
        help_text=_("ESCO URI, urn:kohtaamo:licence:… or urn:eperusteet:tutkinnonosa:…"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SynonymQuerySet.as_manager()

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "lang", "text", "uri"], name="unique_synonym"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.uri}"

    def clean(self):
        from kohtaamo.competences.services import concept_kind

        if concept_kind(self.uri) is None:
            raise ValidationError({"uri": _("No concept has this URI.")})
