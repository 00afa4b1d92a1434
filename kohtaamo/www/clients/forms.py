"""Forms of the job seeker pages. They parse; `clients.services` validates and saves.

`ClientEditor` binds the record's form and its two row formsets (languages, wished occupations)
together, turns valid input into the keyword arguments of `create_client` / `update_client`,
and puts a service's errors back on the field or row they name.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients import perms
from kohtaamo.clients.enums import (
    ClientStatus,
    ConsentScope,
    EducationLevel,
    Gender,
    HoursWish,
    SeasonWish,
)
from kohtaamo.clients.languages import LEVELS, language_choices, level_label
from kohtaamo.clients.models import TARGET_GROUPS, Client
from kohtaamo.clients.search import NO_CONTACT_DAYS
from kohtaamo.clients.services import CLIENT_FIELDS
from kohtaamo.competences.services import normalise_title
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import Concept

LAPLAND = "19"
EXTRA_ROWS = 2
TITLE_CANDIDATES = 8
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlainForm(forms.Form):
    """Labels without the trailing colon, as in the rest of Kohtaamo."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def municipalities_by_region() -> tuple[list, list]:
    """(Lapland's, the others') municipalities as (code, name), by name."""
    municipalities = sorted(
        Municipality.objects.select_related("region"), key=lambda m: m.name.lower()
    )
    lapland = [(m.code, m.name) for m in municipalities if m.region.code == LAPLAND]
    others = [(m.code, m.name) for m in municipalities if m.region.code != LAPLAND]
    return lapland, others


class ClientForm(PlainForm):
    # Person.
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    identity_code = forms.CharField(
        label=_("Personal identity code"),
        max_length=11,
        required=False,
        help_text=_("For example 131052-308T. Store it only if the service needs it."),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        initial=Gender.NOT_TOLD,
        help_text=_("Asked for the EU social fund's statistics."),
    )
    # Contact.
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    municipality = forms.ChoiceField(label=_("Municipality of residence"), required=False)
    # Situation.
    status = forms.ChoiceField(label=_("Status"), choices=ClientStatus.choices)
    education_level = forms.ChoiceField(
        label=_("Education level"), choices=EducationLevel.choices, initial=EducationLevel.UNKNOWN
    )
    unemployment_start = forms.DateField(
        label=_("Unemployed since"), required=False, widget=DATE_WIDGET
    )
    last_contact_on = forms.DateField(label=_("Last contact"), required=False, widget=DATE_WIDGET)
    responsible = forms.ModelChoiceField(
        label=_("Responsible coordinator"), queryset=None, required=False, empty_label="—"
    )
    # Target groups that are not derived from the other answers.
    immigrant = forms.BooleanField(label=_("Immigrant"), required=False)
    partial_work_ability = forms.BooleanField(label=_("Partial work ability"), required=False)
    # Wishes.
    wished_lapland = forms.MultipleChoiceField(
        label=_("Municipalities in Lapland"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "client-municipality-choice"}),
    )
    wished_other = forms.MultipleChoiceField(
        label=_("Municipalities elsewhere in Finland"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    commuting_radius_km = forms.IntegerField(
        label=_("Commuting radius (km)"),
        min_value=0,
        max_value=1000,
        initial=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    season_wish = forms.ChoiceField(
        label=_("Seasonal or year-round work"),
        choices=SeasonWish.choices,
        initial=SeasonWish.ANY,
        widget=forms.RadioSelect,
    )
    hours_wish = forms.ChoiceField(
        label=_("Full or part time"),
        choices=HoursWish.choices,
        initial=HoursWish.ANY,
        widget=forms.RadioSelect,
    )
    willing_to_relocate = forms.BooleanField(label=_("Willing to relocate"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Seen only by your organisation and partners with full consent. Write what the "
            "service needs, nothing more."
        ),
    )

    def __init__(self, *args, organisation: Organisation, owner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        lapland, others = municipalities_by_region()
        self.fields["municipality"].choices = [
            ("", "—"),
            (_("Lapland"), lapland),
            (_("Other municipalities"), others),
        ]
        self.fields["wished_lapland"].choices = lapland
        self.fields["wished_other"].choices = others
        self.fields["responsible"].queryset = perms.coordinators_of(organisation)
        self.fields["responsible"].label_from_instance = _person_name
        if not organisation.stores_identity_codes or not owner:
            del self.fields["identity_code"]
        if not owner:
            del self.fields["responsible"]

    def service_fields(self) -> tuple[dict, list[str]]:
        """The record's fields and the wished municipality codes, for the services."""
        data = dict(self.cleaned_data)
        codes = data.pop("wished_lapland") + data.pop("wished_other")
        return data, codes

    @staticmethod
    def initial_for(client: Client) -> dict:
        initial = {
            name: getattr(client, name) for name in CLIENT_FIELDS if name in ClientForm.base_fields
        }
        codes = set(client.wished_municipalities.values_list("code", flat=True))
        initial.update(
            municipality=client.municipality.code if client.municipality else "",
            responsible=client.responsible_id,
            wished_lapland=sorted(codes),
            wished_other=sorted(codes),
        )
        return initial


def _person_name(user) -> str:
    return user.get_full_name() or user.username


class LanguageForm(forms.Form):
    code = forms.ChoiceField(label=_("Language"), required=False)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", "–")] + [(level, level_label(level)) for level in LEVELS],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = language_choices()
        current = (self.initial or {}).get("code") or (self.data.get(self.add_prefix("code")))
        if current and not _has_choice(choices, current):
            choices.append((current, current))
        self.fields["code"].choices = choices

    def clean(self):
        """An emptied row is dropped; a half-filled one goes to the service, which names
        what is missing together with every other error of the record."""
        data = super().clean()
        data["empty"] = not data.get("code") and not data.get("level")
        return data


def _has_choice(choices, value: str) -> bool:
    for key, label in choices:
        if isinstance(label, list | tuple):
            if any(k == value for k, _label in label):
                return True
        elif key == value:
            return True
    return False


class WishedOccupationForm(forms.Form):
    """A wished occupation: a job title as the person says it, resolved to an ESCO occupation.

    The occupation chosen from the list wins; a title typed without choosing is resolved to
    the occupation it most likely means (shown on the next page load), as in the mappings.
    """

    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    occupation = forms.CharField(label=_("Occupation in ESCO"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        title, uri = data.get("title", "").strip(), data.get("occupation", "")
        if not title and not uri:
            data["empty"] = True
            return data
        data["concept"] = self._occupation(title, uri)
        return data

    def _occupation(self, title: str, uri: str) -> Concept | None:
        if uri and ("occupation" in self.changed_data or "title" not in self.changed_data):
            concept = Concept.objects.filter(uri=uri, kind="occupation").first()
            if concept is None:
                self.add_error("occupation", _("Choose an occupation from the list."))
            return concept
        matches = title_matches(title)
        concept = Concept.objects.filter(uri=matches[0].uri).first() if matches else None
        if concept is None:
            self.add_error(
                "title",
                _("No occupation matches “%(title)s”: try another title.") % {"title": title},
            )
        return concept


def title_matches(title: str) -> list:
    try:
        return normalise_title(title=title[:200], limit=TITLE_CANDIDATES)[1]
    except ValueError:
        return []


LanguageFormSet = forms.formset_factory(LanguageForm, extra=EXTRA_ROWS)
OccupationFormSet = forms.formset_factory(WishedOccupationForm, extra=EXTRA_ROWS)


class ClientEditor:
    """The record's form and its row formsets, bound or unbound together."""

    def __init__(
        self, *, organisation: Organisation, client: Client | None = None, owner=True, data=None
    ):
        self.client = client
        initial = ClientForm.initial_for(client) if client else {}
        self.form = ClientForm(data, initial=initial, organisation=organisation, owner=owner)
        self.languages = LanguageFormSet(
            data, prefix="languages", initial=_language_initial(client)
        )
        self.occupations = OccupationFormSet(
            data, prefix="occupations", initial=_occupation_initial(client)
        )
        self._row_index: dict[str, list[int]] = {}

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.languages.is_valid(), self.occupations.is_valid()])

    def service_arguments(self) -> dict:
        """Keyword arguments for `create_client` / `update_client`."""
        fields, codes = self.form.service_fields()
        languages = [f for f in self.languages.forms if _filled(f)]
        occupations = [f for f in self.occupations.forms if _filled(f)]
        self._row_index = {
            "languages": [self.languages.forms.index(f) for f in languages],
            "wished_occupations": [self.occupations.forms.index(f) for f in occupations],
        }
        return fields | {
            "languages": [(f.cleaned_data["code"], f.cleaned_data["level"]) for f in languages],
            "wished_occupation_uris": [f.cleaned_data["concept"].uri for f in occupations],
            "wished_municipality_codes": codes,
        }

    def add_service_errors(self, exc: ValidationError) -> None:
        """Each error of the service on the field or row it names."""
        if not hasattr(exc, "error_dict"):
            self.form.add_error(None, exc)
            return
        for name, messages in exc.message_dict.items():
            self._add_error(name, messages)

    def _add_error(self, name: str, messages: list[str]) -> None:
        parts = name.split(".")
        if parts[0] in self._row_index and len(parts) > 1:
            formset = self.languages if parts[0] == "languages" else self.occupations
            form = formset.forms[self._row_index[parts[0]][int(parts[1])]]
            form.add_error(parts[2] if len(parts) > 2 else "title", messages)
        elif name == "wished_municipalities":
            self.form.add_error("wished_other", messages)
        elif name in self.form.fields:
            self.form.add_error(name, messages)
        else:
            self.form.add_error(None, messages)

    def errors(self) -> list[tuple[str, str]]:
        """(id of the field, message) of every error, for the error summary."""
        found = [("", str(m)) for m in self.form.non_field_errors()]
        for field in self.form:
            anchor = field.id_for_label or f"{field.auto_id}_0"
            found += [(anchor, f"{field.label}: {m}") for m in field.errors]
        for number, form in enumerate(self.languages.forms, start=1):
            found += _row_errors(form, _("Language, row %(n)d") % {"n": number})
        for number, form in enumerate(self.occupations.forms, start=1):
            found += _row_errors(form, _("Wished occupation, row %(n)d") % {"n": number})
        return found

    def occupation_options(self) -> None:
        """Each occupation row gets `candidates`: its occupation and what its title may mean."""
        chosen = {f["occupation"].value() for f in self.occupations.forms} - {None, ""}
        labels = {c.uri: c.label for c in Concept.objects.filter(uri__in=chosen)}
        for form in self.occupations.forms:
            uri = form["occupation"].value() or ""
            title = (form["title"].value() or "").strip()
            options = [(uri, labels[uri])] if uri in labels else []
            if title and form.is_bound:
                options += [(m.uri, m.label) for m in title_matches(title) if m.uri != uri]
            form.candidates = options


def _filled(form) -> bool:
    """An extra row left untouched has no cleaned data at all; an emptied one is `empty`."""
    return bool(form.cleaned_data) and not form.cleaned_data.get("empty")


def _row_errors(form, label) -> list[tuple[str, str]]:
    found = [("", f"{label}: {m}") for m in form.non_field_errors()]
    for field in form:
        found += [(field.auto_id, f"{label}: {m}") for m in field.errors]
    return found


def _language_initial(client: Client | None) -> list[dict]:
    if client is None:
        return []
    return [{"code": c, "level": lv} for c, lv in client.languages.values_list("code", "level")]


def _occupation_initial(client: Client | None) -> list[dict]:
    if client is None:
        return []
    return [{"title": o.label, "occupation": o.uri} for o in client.wished_occupations.all()]


class ClientFilterForm(PlainForm):
    """The list page's search and filters; invalid values are ignored, not errors."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All")), *TARGET_GROUPS]
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ClientStatus.choices]
    )
    no_contact_days = forms.TypedChoiceField(
        label=_("Last contact"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any time"))]
        + [
            (str(days), _("no contact in %(days)d days") % {"days": days})
            for days in NO_CONTACT_DAYS
        ],
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            ("", _("All")),
            *sorted(((m.code, m.name) for m in municipalities), key=lambda c: c[1].lower()),
        ]

    def filters(self) -> dict:
        """The valid filters that are set; a bad one is dropped, the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


def default_consent_end():
    return timezone.localdate() + timedelta(days=365)


class ConsentForm(PlainForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label="—"
    )
    scope = forms.ChoiceField(
        label=_("What the organisation may see"),
        choices=ConsentScope.choices,
        initial=ConsentScope.BASIC,
        widget=forms.RadioSelect,
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        initial=default_consent_end,
        widget=DATE_WIDGET,
        help_text=_("One year is usual; three years at most."),
    )

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).exclude(
            pk=client.organisation_id
        )
