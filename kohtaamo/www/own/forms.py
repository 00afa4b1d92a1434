"""Forms of the job seeker's own view: few fields, plain words, big targets.

The forms parse; `kohtaamo.clients.own` and `kohtaamo.clients.consents` validate and save, and
their errors come back keyed by these forms' field names.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaamo.clients.consents import MAX_VALIDITY_DAYS
from kohtaamo.clients.enums import ConsentScope, HoursWish, SeasonWish
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.enums import OrganisationKind
from kohtaamo.organisations.models import Organisation
from kohtaamo.www.employers.forms import LAPLAND, PlainForm, municipality_choices

LEVEL_CHOICES = [
    (1, _("1 – I am a beginner")),
    (2, _("2 – I know the basics")),
    (3, _("3 – I can do it on my own")),
    (4, _("4 – I am good at it")),
    (5, _("5 – I am an expert and can teach others")),
]
# Organisations that work with job seekers and may join a person's team.
TEAM_KINDS = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.VOCATIONAL_COLLEGE,
    OrganisationKind.UAS,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.TE_OFFICE,
    OrganisationKind.ELY_CENTRE,
    OrganisationKind.PROJECT,
    OrganisationKind.ASSOCIATION,
)
# What each consent scope means, in the own view's plain words.
SCOPE_CHOICES = [
    (ConsentScope.BASIC, _("My contact details and my wishes")),
    (ConsentScope.COMPETENCES, _("My contact details, wishes, competences and work history")),
    (ConsentScope.FULL, _("Everything, also the notes about me")),
]
DEFAULT_CONSENT_DAYS = 365


class ContactForm(PlainForm):
    email = forms.CharField(
        label=_("Email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("For example 040 123 4567."),
    )
    municipality = forms.ChoiceField(label=_("Home municipality"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices()

    def clean_municipality(self) -> Municipality | None:
        code = self.cleaned_data["municipality"]
        return Municipality.objects.filter(code=code).first() if code else None

    @staticmethod
    def initial_for(client) -> dict:
        municipality = client.municipality
        return {
            "email": client.email,
            "phone": client.phone,
            "municipality": municipality.code if municipality else "",
        }


class LevelForm(PlainForm):
    """One competence and a level: the self-assessment, adding, and a suggestion's answer."""

    uri = forms.CharField(max_length=200, widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("My level"), choices=LEVEL_CHOICES, coerce=int, initial=3, required=False
    )

    def clean_level(self) -> int:
        return self.cleaned_data["level"] or 3


class WishesForm(PlainForm):
    occupations = forms.MultipleChoiceField(
        label=_("Occupations I wish for"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uncheck an occupation to remove it."),
    )
    title = forms.CharField(
        label=_("Add an occupation: write a job title"),
        required=False,
        max_length=200,
        help_text=_("For example: kokki, siivooja, cook."),
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Where I would like to work"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commuting_radius_km = forms.IntegerField(
        label=_("How far I can travel to work (km)"),
        min_value=0,
        max_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    season_wish = forms.ChoiceField(
        label=_("Seasonal work or year-round work?"),
        choices=SeasonWish.choices,
        widget=forms.RadioSelect,
    )
    hours_wish = forms.ChoiceField(
        label=_("Full time or part time?"), choices=HoursWish.choices, widget=forms.RadioSelect
    )
    willing_to_relocate = forms.BooleanField(
        label=_("I can move to another place for work"), required=False
    )
    strengths_own = forms.CharField(
        label=_("My strengths"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What are you good at? What do others thank you for?"),
    )
    development_own = forms.CharField(
        label=_("What I want to learn or get better at"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, occupations: list[tuple[str, str]], municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupations"].choices = occupations
        self.fields["municipalities"].choices = [(m.code, m.name) for m in municipalities]

    @staticmethod
    def initial_for(client) -> dict:
        return {
            "occupations": [o.uri for o in client.wished_occupations.all()],
            "municipalities": [m.code for m in client.wished_municipalities.all()],
            "commuting_radius_km": client.commuting_radius_km,
            "season_wish": client.season_wish,
            "hours_wish": client.hours_wish,
            "willing_to_relocate": client.willing_to_relocate,
            "strengths_own": client.strengths_own,
            "development_own": client.development_own,
        }

    @staticmethod
    def municipalities_for(client) -> list[Municipality]:
        """Lapland's municipalities, and any other the person already wished for."""
        chosen = client.wished_municipalities.values("pk")
        found = Municipality.objects.filter(region__code=LAPLAND) | Municipality.objects.filter(
            pk__in=chosen
        )
        return sorted(found.distinct(), key=lambda m: m.name.lower())


def team_organisations(client):
    """Organisations the person can invite to their team: active, working with job seekers."""
    return (
        Organisation.objects.filter(is_active=True, kind__in=TEAM_KINDS)
        .exclude(pk=client.organisation_id)
        .order_by("name")
    )


class ConsentForm(PlainForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label="—"
    )
    scope = forms.ChoiceField(
        label=_("What may they see?"), choices=SCOPE_CHOICES, widget=forms.RadioSelect
    )
    valid_until = forms.DateField(
        label=_("Until when?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most three years. You can take the permission back at any time."),
    )

    def __init__(self, *args, client, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "scope": ConsentScope.BASIC,
                "valid_until": today + timedelta(days=DEFAULT_CONSENT_DAYS),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = team_organisations(client)
        widget = self.fields["valid_until"].widget
        widget.attrs.update(
            min=today.isoformat(), max=(today + timedelta(days=MAX_VALIDITY_DAYS)).isoformat()
        )
