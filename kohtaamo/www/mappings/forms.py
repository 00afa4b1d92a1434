"""The competence mapping form: one form for the answers and three formsets for the rows.

`MappingEditor` binds them together, turns valid input into `services.MappingAnswers` and
lists every error with the id of the field it belongs to, for the error summary.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kohtaamo.competences.enums import Importance
from kohtaamo.competences.services import normalise_title
from kohtaamo.lang.extract import MAX_TEXT_CHARS
from kohtaamo.mappings.enums import Horizon, NeedPurpose, NeedSource, Support
from kohtaamo.mappings.models import CompetenceMapping
from kohtaamo.mappings.services import (
    WILLINGNESS_FIELDS,
    HireRow,
    MappingAnswers,
    NeedRow,
    WorkforceRow,
)
from kohtaamo.taxonomy.models import Concept

TEXT_LANGUAGES = [
    ("detect", _("detect")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
EXTRA_ROWS = 2
# Where a service's error about a part of the mapping is shown.
SECTION_OF = {
    "workforce": "section-workforce",
    "planned_hires": "section-hires",
    "needs": "section-needs",
    "unknown_support": "section-support",
    "purpose": "section-needs",
}


def _text(label, help_text="", rows=3):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class MappingForm(forms.Form):
    visit_date = forms.DateField(
        label=_("Date of the visit"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    offers_work_trials = forms.BooleanField(label=_("Work trials"), required=False)
    offers_apprenticeships = forms.BooleanField(label=_("Apprenticeships"), required=False)
    offers_training_agreements = forms.BooleanField(
        label=_("Training agreements for vocational students"), required=False
    )
    offers_student_placements = forms.BooleanField(
        label=_("Placements for university and UAS students"), required=False
    )
    offers_shared_employment = forms.BooleanField(
        label=_("Sharing a worker with another employer"), required=False
    )
    willingness_note = _text(_("About the willingness"), _("E.g. which months or how many."))
    unknown_support = forms.MultipleChoiceField(
        label=_("Support the company did not know about"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff_development_note = _text(
        _("Development needs of the current staff"),
        _("In the company's words: what the staff should learn, and why."),
    )
    notes = _text(
        _("Other notes"), _("For the organisation only: not shown in the company's report."), 4
    )

    @classmethod
    def initial_of(cls, mapping: CompetenceMapping) -> dict:
        return {name: getattr(mapping, name) for name in cls.base_fields}


class OccupationRowForm(forms.Form):
    """A row about an occupation: the company's job title, resolved to an ESCO occupation.

    The occupation chosen from the list wins; a job title typed or changed without choosing
    is resolved to the occupation it most likely means (shown on the next page load).
    """

    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    occupation = forms.CharField(label=_("Occupation in ESCO"), max_length=200, required=False)
    count = forms.IntegerField(label=_("People"), min_value=1, max_value=100000, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("title", "occupation", "count", "note")):
            data["DELETE"] = True  # a row emptied by hand is removed
        if data.get("DELETE"):
            return data
        data["concept"] = self._occupation(data.get("title", ""), data.get("occupation", ""))
        if not data.get("count"):
            self.add_error("count", _("Give the number of people."))
        return data

    def _occupation(self, title: str, uri: str) -> Concept | None:
        if uri and ("occupation" in self.changed_data or "title" not in self.changed_data):
            concept = Concept.objects.filter(uri=uri, kind="occupation").first()
            if concept is None:
                self.add_error("occupation", _("Choose an occupation from the list."))
            return concept
        if not title:
            self.add_error("title", _("Write a job title or choose an occupation."))
            return None
        _lang, matches = normalise_title(title=title)
        concept = Concept.objects.filter(uri=matches[0].uri).first() if matches else None
        if concept is None:
            self.add_error(
                "title",
                _("No occupation matches “%(title)s”: try another title.") % {"title": title},
            )
        return concept


class WorkforceForm(OccupationRowForm):
    pass


class HireForm(OccupationRowForm):
    horizon = forms.ChoiceField(label=_("When"), choices=Horizon.choices, initial=Horizon.NOW)
    seasonal = forms.BooleanField(label=_("Seasonal"), required=False)


class NeedForm(forms.Form):
    uri = forms.CharField(widget=forms.HiddenInput, max_length=200)
    importance = forms.TypedChoiceField(
        label=_("Importance"), choices=Importance.choices, coerce=int, initial=Importance.IMPORTANT
    )
    horizon = forms.ChoiceField(label=_("When"), choices=Horizon.choices, initial=Horizon.NOW)
    purpose = forms.ChoiceField(label=_("For"), choices=NeedPurpose.choices)
    occupation = forms.CharField(label=_("Occupation"), max_length=200, required=False)
    source = forms.ChoiceField(
        choices=NeedSource.choices, widget=forms.HiddenInput, initial=NeedSource.SEARCH
    )
    evidence = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)

    def clean_occupation(self):
        uri = self.cleaned_data["occupation"]
        if not uri:
            return None
        concept = Concept.objects.filter(uri=uri, kind="occupation").first()
        if concept is None:
            raise ValidationError(_("Choose an occupation from the list."))
        return concept


WorkforceFormSet = forms.formset_factory(
    WorkforceForm, extra=EXTRA_ROWS, can_delete=True, can_delete_extra=False
)
HireFormSet = forms.formset_factory(
    HireForm, extra=EXTRA_ROWS, can_delete=True, can_delete_extra=False
)
NeedFormSet = forms.formset_factory(NeedForm, extra=0, can_delete=True)


class FreeTextForm(forms.Form):
    text = forms.CharField(
        label=_("The company's description"),
        max_length=MAX_TEXT_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Paste e.g. the company's web page or a job ad, or write what they told you. "
            "Only the competences you add are saved."
        ),
    )
    text_lang = forms.ChoiceField(
        label=_("Language of the text"), choices=TEXT_LANGUAGES, initial="detect"
    )


class MappingEditor:
    """The answers form and the row formsets of one draft, bound or unbound together."""

    def __init__(self, mapping: CompetenceMapping, data=None):
        self.mapping = mapping
        self.form = MappingForm(data, initial=MappingForm.initial_of(mapping))
        self.workforce = WorkforceFormSet(
            data,
            prefix="workforce",
            initial=[_row_initial(w) for w in mapping.workforce.select_related("occupation")],
        )
        self.hires = HireFormSet(
            data,
            prefix="hires",
            initial=[
                {**_row_initial(h), "horizon": h.horizon, "seasonal": h.seasonal}
                for h in mapping.planned_hires.select_related("occupation")
            ],
        )
        self.needs = NeedFormSet(
            data,
            prefix="needs",
            initial=[_need_initial(n) for n in mapping.needs.select_related("occupation")],
        )
        self.free_text = FreeTextForm(data)

    @property
    def parts(self):
        return [self.form, self.workforce, self.hires, self.needs, self.free_text]

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self.parts]  # every part, to show every error
        return all(results)

    def answers(self, added: list[NeedRow] = ()) -> MappingAnswers:
        """The valid input as the service takes it, with `added` needs after the others
        (those the section has already are left out)."""
        data = self.form.cleaned_data
        needs = [
            NeedRow(
                r["uri"],
                r["importance"],
                r["horizon"],
                r["purpose"],
                r["occupation"],
                r["source"],
                r["evidence"],
            )
            for r in _rows(self.needs)
        ]
        have = {(n.uri, n.purpose) for n in needs}
        needs += [n for n in added if (n.uri, n.purpose) not in have]
        return MappingAnswers(
            visit_date=data["visit_date"],
            workforce=[
                WorkforceRow(r["concept"], r["count"], r["title"].strip(), r["note"].strip())
                for r in _rows(self.workforce)
            ],
            planned_hires=[
                HireRow(
                    r["concept"],
                    r["count"],
                    r["horizon"],
                    r["seasonal"],
                    r["title"].strip(),
                    r["note"].strip(),
                )
                for r in _rows(self.hires)
            ],
            needs=needs,
            **{name: data[name] for name in WILLINGNESS_FIELDS},
            willingness_note=data["willingness_note"],
            unknown_support=data["unknown_support"],
            staff_development_note=data["staff_development_note"],
            notes=data["notes"],
        )

    def add_service_error(self, error: ValidationError) -> None:
        self.service_errors = getattr(self, "service_errors", [])
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                for e in errors:
                    self.service_errors.append((SECTION_OF.get(key, "mapping-form"), *e.messages))
        else:
            self.service_errors += [("mapping-form", message) for message in error.messages]

    def error_list(self) -> list[tuple[str, str]]:
        """(id of the field or section, message) for each error, in the order of the page."""
        found = [(_field_id(self.form, name), m) for name, m in _field_errors(self.form)]
        for formset, section in (
            (self.workforce, _("Current workforce")),
            (self.hires, _("Planned hires")),
            (self.needs, _("Competence needs")),
        ):
            found += [("mapping-form", m) for m in formset.non_form_errors()]
            for number, form in enumerate(formset.forms, start=1):
                for name, message in _field_errors(form):
                    label = _("%(section)s, row %(number)s") % {
                        "section": section,
                        "number": number,
                    }
                    found.append((_field_id(form, name), f"{label}: {message}"))
        found += [(_field_id(self.free_text, n), m) for n, m in _field_errors(self.free_text)]
        return found + getattr(self, "service_errors", [])


def _field_errors(form):
    if not form.is_bound:
        return []
    return [(name, message) for name, errors in form.errors.items() for message in errors]


def _field_id(form, name: str) -> str:
    if name == "__all__" or name not in form.fields:
        return "mapping-form"
    if name == "unknown_support":
        return f"{form[name].auto_id}_0"
    return form[name].auto_id


def _rows(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _row_initial(row) -> dict:
    return {
        "title": row.title,
        "occupation": row.occupation.uri,
        "count": row.count,
        "note": row.note,
    }


def _need_initial(need) -> dict:
    return {
        "uri": need.uri,
        "importance": need.importance,
        "horizon": need.horizon,
        "purpose": need.purpose,
        "occupation": need.occupation.uri if need.occupation else "",
        "source": need.source,
        "evidence": need.evidence,
    }
