"""The vacancy form: plain fields in a Django form, competences and languages as rows.

The competences and languages are repeated rows posted as parallel lists (every row has all its
inputs, selects only, so the lists stay aligned). Competences are added from search results
(checkboxes named `add`); with htmx the results arrive as the user types, without JavaScript a
"search" button re-renders the form with them, nothing lost.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.employers.models import Employer
from kohtaamo.geo.models import Municipality
from kohtaamo.lang.extract import MAX_TEXT_CHARS
from kohtaamo.taxonomy.models import Licence
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.vacancies.enums import Permanence, VacancyStatus, WorkingTime
from kohtaamo.vacancies.languages import LEVELS
from kohtaamo.vacancies.services import CompetenceDraft, VacancyDraft

MANDATORY, ESSENTIAL, OPTIONAL, REMOVE = "mandatory", "essential", "optional", "remove"
REQUIREMENTS = [
    (MANDATORY, _("mandatory")),
    (ESSENTIAL, _("essential")),
    (OPTIONAL, _("optional")),
    (REMOVE, _("remove")),
]
LANGUAGE_NAMES = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "en": _("English"),
    "se": _("Northern Sami"),
    "no": _("Norwegian"),
    "ru": _("Russian"),
    "et": _("Estonian"),
    "de": _("German"),
    "fr": _("French"),
    "es": _("Spanish"),
    "it": _("Italian"),
    "uk": _("Ukrainian"),
    "pl": _("Polish"),
    "ar": _("Arabic"),
    "so": _("Somali"),
    "fa": _("Persian"),
    "zh": _("Chinese"),
    "ja": _("Japanese"),
    "th": _("Thai"),
}
LEVEL_CHOICES = [("", _("not stated"))] + [
    (level, _("native") if level == "native" else level) for level in LEVELS
]
LANGUAGE_REQUIREMENTS = [("required", _("required")), ("advantage", _("an advantage"))]
EMPTY_LANGUAGE_ROWS = 2
TEXT_LANGUAGES = [
    ("detect", _("detect")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class VacancyForm(forms.Form):
    """The vacancy's own fields; the employer only when creating."""

    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.none(), to_field_name="public_id"
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name_fi"),
        to_field_name="code",
        required=False,
    )
    start_date = forms.DateField(label=_("Starts"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("Ends"), required=False, widget=DateInput)
    apply_by = forms.DateField(label=_("Apply by"), required=False, widget=DateInput)
    working_time = forms.ChoiceField(label=_("Working time"), choices=WorkingTime.choices)
    permanence = forms.ChoiceField(label=_("Duration"), choices=Permanence.choices)
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), required=False, min_value=0, max_value=80, decimal_places=1
    )
    openings = forms.IntegerField(label=_("Number of openings"), min_value=1, initial=1)
    exclude_on_missing_mandatory = forms.TypedChoiceField(
        label=_("A candidate without a required licence or language"),
        choices=[
            (True, _("is left out of the candidates")),
            (False, _("is shown lower down, with the missing requirement as a gap")),
        ],
        coerce=lambda value: value in (True, "True"),
        required=False,
        empty_value=True,  # a form without the choice keeps the default: leave out
        initial=True,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(VacancyStatus.OPEN, _("open")), (VacancyStatus.DRAFT, _("draft"))],
        initial=VacancyStatus.OPEN,
        help_text=_("A draft is seen only by the organisations that work with the employer."),
    )

    def __init__(self, *args, user, with_employer: bool, with_status: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_employer:
            self.fields["employer"].queryset = Employer.objects.visible_to(user).active()
        else:
            del self.fields["employer"]
        if not with_status:
            del self.fields["status"]


class TextForm(forms.Form):
    """The first step of a vacancy from a job ad's text."""

    text = forms.CharField(
        label=_("The job ad's text"),
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Kohtaamo suggests the occupation, competences and languages it names."),
    )
    lang = forms.ChoiceField(label=_("Language of the text"), choices=TEXT_LANGUAGES)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The job-market platform's job-ad JSON (.json) or a CSV file of vacancies (.csv)."
        ),
    )


CREATE, FROM_HIRE, EDIT = "create", "hire", "edit"
MODES = {CREATE: (True, True), FROM_HIRE: (False, True), EDIT: (False, False)}


def vacancy_form(mode: str, user, data=None, initial=None) -> VacancyForm:
    """Creating chooses the employer and status; a planned hire has its employer; editing
    changes neither (the status has its own buttons)."""
    with_employer, with_status = MODES[mode]
    return VacancyForm(
        data, user=user, with_employer=with_employer, with_status=with_status, initial=initial
    )


class VacancyEditor:
    """The whole vacancy form: plain fields, occupation, competence rows and language rows."""

    def __init__(
        self, form: VacancyForm, mode: str, *, occupation: str = "", competences=(), languages=()
    ):
        self.form = form
        self.mode = mode
        self.occupation = occupation
        self.competences: list[CompetenceDraft] = list(competences)
        self.languages: list[dict] = list(languages)
        self.errors: dict[str, list[str]] = {}
        self.occupation_hits: list = []
        self.competence_hits: list = []
        self.occupation_query = ""
        self.competence_query = ""

    @classmethod
    def blank(cls, user, *, employer=None) -> VacancyEditor:
        initial = {"employer": employer.public_id} if employer else {}
        return cls(vacancy_form(CREATE, user, initial=initial), CREATE)

    @classmethod
    def from_vacancy(cls, vacancy, user) -> VacancyEditor:
        initial = {name: getattr(vacancy, name) for name in EDITED}
        initial["municipality"] = vacancy.municipality.code if vacancy.municipality else None
        competences = [
            CompetenceDraft(
                uri=c.uri,
                kind=c.kind,
                essential=c.essential,
                importance=c.importance,
                mandatory=c.mandatory,
                evidence=c.evidence,
            )
            for c in vacancy.competences.all()
        ]
        return cls(
            vacancy_form(EDIT, user, initial=initial),
            EDIT,
            occupation=vacancy.occupation.uri if vacancy.occupation else "",
            competences=competences,
            languages=vacancy.languages,
        )

    @classmethod
    def from_draft(cls, draft: VacancyDraft, user, mode: str, *, employer=None) -> VacancyEditor:
        employer = draft.employer or employer
        initial = {
            "title": draft.title,
            "description": draft.description,
            "openings": draft.openings,
            "permanence": draft.permanence,
            "employer": employer.public_id if employer else None,
        }
        return cls(
            vacancy_form(mode, user, initial=initial),
            mode,
            occupation=draft.occupation_uri,
            competences=draft.competences,
            languages=draft.languages,
        )

    @classmethod
    def from_post(cls, data, user, mode: str) -> VacancyEditor:
        editor = cls(
            vacancy_form(mode, user, data=data), mode, occupation=data.get("occupation", "").strip()
        )
        editor.competences = _posted_competences(data)
        editor.languages = _posted_languages(data)
        editor.occupation_query = data.get("occupation_q", "").strip()[:200]
        editor.competence_query = data.get("competence_q", "").strip()[:200]
        return editor

    def unbound(self, user) -> None:
        """Keep what was typed but show no errors: for a search, not a save."""
        initial = {name: self.form.data.get(name) for name in self.form.fields}
        self.form = vacancy_form(self.mode, user, initial=initial)

    def is_valid(self) -> bool:
        return self.form.is_valid() and not self.errors

    def fields(self) -> dict:
        """Keyword arguments for the services, from a valid form."""
        data = dict(self.form.cleaned_data)
        data.pop("employer", None)
        data["occupation"] = self.occupation or None
        data["languages"] = self.languages
        return data

    def competence_items(self) -> list[dict]:
        return [
            {
                "uri": c.uri,
                "essential": c.essential,
                "importance": c.importance,
                "mandatory": c.mandatory,
                "evidence": c.evidence,
            }
            for c in self.competences
        ]

    def add_service_errors(self, exc: ValidationError) -> None:
        """Errors of the services go to their field, or to a group of the form."""
        for name, messages in exc.message_dict.items():
            if name in self.form.fields:
                for message in messages:
                    self.form.add_error(name, message)
            else:
                self.errors.setdefault(name if name != "__all__" else "form", []).extend(messages)

    def summary(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary at the top of the page."""
        found = []
        for name, messages in self.form.errors.items():
            anchor = f"id_{name}" if name in self.form.fields else "vacancy-form"
            found += [(anchor, f"{self._label(name)}: {m}") for m in messages]
        for name, messages in self.errors.items():
            found += [(f"{name}-section", m) for m in messages]
        return found

    def _label(self, name: str) -> str:
        field = self.form.fields.get(name)
        return str(field.label) if field else ""

    def labelled(self):
        """Labels of the occupation and every competence in the UI language."""
        uris = [c.uri for c in self.competences] + [self.occupation]
        uris += [hit.uri for hit in self.occupation_hits + self.competence_hits]
        labels = display_labels([u for u in uris if u], None)
        for competence in self.competences:
            competence.label = competence.label or labels.get(competence.uri, competence.uri)
            competence.kind = competence.kind or kind_of(competence.uri)
            competence.requirement = requirement_of(competence)
        return labels

    def language_rows(self) -> list[dict]:
        return self.languages + [{"code": "", "level": "", "mandatory": True}] * EMPTY_LANGUAGE_ROWS

    def language_choices(self) -> list[tuple[str, str]]:
        codes = list(LANGUAGE_NAMES) + [
            lang["code"] for lang in self.languages if lang["code"] not in LANGUAGE_NAMES
        ]
        return [("", "–")] + [(code, language_name(code)) for code in codes]


EDITED = (
    "title",
    "description",
    "start_date",
    "end_date",
    "apply_by",
    "working_time",
    "permanence",
    "hours_per_week",
    "openings",
    "exclude_on_missing_mandatory",
)


def requirement_of(competence: CompetenceDraft) -> str:
    if competence.mandatory:
        return MANDATORY
    return ESSENTIAL if competence.essential else OPTIONAL


def _posted_competences(data) -> list[CompetenceDraft]:
    """The kept rows, then what was ticked in the search results (essential by default)."""
    uris = data.getlist("competence_uri")
    evidence = data.getlist("competence_evidence") + [""] * len(uris)
    rows = zip(
        uris,
        data.getlist("competence_requirement"),
        data.getlist("competence_importance"),
        evidence,
        strict=False,
    )
    competences, seen = [], set()
    for uri, requirement, importance, said in rows:
        uri = uri.strip()
        if not uri or requirement == REMOVE or uri in seen:
            continue
        seen.add(uri)
        competences.append(
            CompetenceDraft(
                uri=uri,
                essential=requirement in (MANDATORY, ESSENTIAL),
                mandatory=requirement == MANDATORY,
                importance=_importance(importance),
                evidence=said[:300],
            )
        )
    for uri in data.getlist("add"):
        if (uri := uri.strip()) and uri not in seen:
            seen.add(uri)
            competences.append(CompetenceDraft(uri=uri))
    return competences


def _importance(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return Importance.IMPORTANT
    return number if number in Importance.values else Importance.IMPORTANT


def _posted_languages(data) -> list[dict]:
    rows = zip(
        data.getlist("language_code"),
        data.getlist("language_level"),
        data.getlist("language_requirement"),
        strict=False,
    )
    return [
        {"code": code, "level": level, "mandatory": requirement != "advantage"}
        for code, level, requirement in rows
        if code.strip()
    ]


def kind_of(uri: str) -> str:
    """The kind shown beside a row before it is saved; the service checks it for real."""
    if uri.startswith(Licence.URI_PREFIX):
        return CompetenceKind.LICENCE
    return CompetenceKind.UNIT if uri.startswith("urn:eperusteet:") else CompetenceKind.SKILL
