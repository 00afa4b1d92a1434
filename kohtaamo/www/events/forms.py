"""Forms of the organisers' event pages. They parse input; the rules (a hybrid event needs its
link, slots exist, the waiting list, who may register whom) are checked by
`kohtaamo.events.services`, whose errors are put back on the field they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaamo.esf import perms as esf_perms
from kohtaamo.esf.models import Project
from kohtaamo.events import perms
from kohtaamo.events.enums import EventKind, WishedBy, WishKind
from kohtaamo.events.models import Event
from kohtaamo.events.services import EVENT_FIELDS
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation
from kohtaamo.www.paths.forms import DateInput, PlainForm

LANGUAGES = (
    ("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English")), ("se", _("Northern Sami")),
    ("ru", _("Russian")), ("et", _("Estonian")), ("ar", _("Arabic")), ("so", _("Somali")),
    ("uk", _("Ukrainian")), ("de", _("German")), ("fr", _("French")),
)  # fmt: skip


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SlotNumbersField(forms.CharField):
    """Slot numbers from 1, written “5, 9”; the service checks that they exist."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
        for part in parts:
            if not part.isdigit():
                raise forms.ValidationError(_("Write slot numbers separated by commas, e.g. 5, 9."))
        return [int(p) for p in parts]


class EventForm(PlainForm):
    organisation = forms.ModelChoiceField(label=_("Organiser"), queryset=None)
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Their coordinators manage the event too."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("First slot starts"), widget=TimeInput())
    slot_minutes = forms.IntegerField(
        label=_("Slot length (minutes)"), min_value=5, max_value=120, initial=10
    )
    slot_count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=48,
                                    initial=12)  # fmt: skip
    breaks = SlotNumbersField(
        label=_("Breaks"), help_text=_("Slot numbers without interviews, e.g. 7.")
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Address, for events held on site."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name_fi"), required=False
    )
    online_url = forms.URLField(
        assume_scheme="https",
        label=_("Online link"),
        required=False,
        help_text=_("For webinars and hybrid events."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    seeker_capacity = forms.IntegerField(
        label=_("Places for job seekers"),
        min_value=1,
        max_value=5000,
        required=False,
        help_text=_("Registrations beyond this go to the waiting list. Empty: no limit."),
    )
    min_interviews = forms.IntegerField(
        label=_("Interviews per job seeker at least"), min_value=0, max_value=48, initial=1
    )
    max_interviews = forms.IntegerField(
        label=_("Interviews per job seeker at most"), min_value=1, max_value=48, initial=3
    )
    project = forms.ModelChoiceField(
        label=_("EU social fund project"),
        queryset=None,
        required=False,
        help_text=_("Outcomes of the project's participants flow into their exit forms."),
    )
    published = forms.BooleanField(
        label=_("Published: staff and job seekers see the event"), required=False
    )
    registration_open = forms.BooleanField(
        label=_("Registration open"), required=False, initial=True
    )

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["organisation"].queryset = perms.organising_organisations(user).order_by("name")
        fields["co_organisers"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "name"
        )
        kept = [p.pk for p in esf_perms.projects_with_indicators(user)
                if esf_perms.can_keep_records(user, p)]  # fmt: skip
        if event is not None and event.project_id:
            kept.append(event.project_id)
        fields["project"].queryset = Project.objects.filter(pk__in=kept).order_by("name")
        if event is not None:
            del fields["organisation"]

    @staticmethod
    def initial_for(event: Event) -> dict:
        initial = {f: getattr(event, f) for f in EVENT_FIELDS}
        initial["co_organisers"] = list(event.co_organisers.all())
        return initial

    def clean(self):
        data = super().clean()
        low, high = data.get("min_interviews"), data.get("max_interviews")
        if low is not None and high is not None and low > high:
            self.add_error(
                "min_interviews", _("The least number of interviews cannot exceed the most.")
            )
        return data

    def event_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        data.pop("co_organisers", None)
        return data


class EmployerChoiceForm(PlainForm):
    """Step one of adding an employer: which one (its vacancies are listed in step two)."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None, to_field_name="public_id")

    def __init__(self, *args, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers


class ParticipationForm(PlainForm):
    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies on offer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all the employer's open vacancies count for the schedule."),
    )
    tables = forms.IntegerField(
        label=_("Interviewers per slot"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("How many job seekers the employer meets at the same time."),
    )
    table_label = forms.CharField(
        label=_("Table"), max_length=40, required=False, help_text=_("e.g. Table 4")
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Contact's email"),
        required=False,
        help_text=_("The follow-up link is sent here after the event."),
    )
    unavailable_slots = SlotNumbersField(
        label=_("Slots away"), help_text=_("Slot numbers when the employer is not at the table.")
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies


class ClientSearchForm(PlainForm):
    q = forms.CharField(label=_("Search job seekers by name"), max_length=100, required=False)


class RegistrationForm(PlainForm):
    client = forms.ChoiceField(label=_("Job seeker"), widget=forms.RadioSelect)
    share_competences = forms.BooleanField(
        label=_("The person agrees: may show my competence summary to the event's employers"),
        required=False,
        initial=False,
        help_text=_("Without consent the employers see the name only."),
    )
    min_interviews = forms.IntegerField(
        label=_("Interviews at least"),
        min_value=0,
        max_value=48,
        required=False,
        help_text=_("Empty: as for the event."),
    )
    max_interviews = forms.IntegerField(
        label=_("Interviews at most"),
        min_value=1,
        max_value=48,
        required=False,
        help_text=_("Empty: as for the event."),
    )
    unavailable_slots = SlotNumbersField(
        label=_("Slots away"), help_text=_("Slot numbers when the person cannot attend.")
    )
    note = forms.CharField(label=_("Note for the organisers"), max_length=300, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [
            (str(c.public_id), f"{c.last_name}, {c.first_name}") for c in candidates
        ]


NO_WISH = ""


class WishesForm(PlainForm):
    """One wish per employer: none, must meet or must not meet, and whose wish it is."""

    def __init__(self, *args, participations, initial_wishes, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for participation in participations:
            key = str(participation.public_id)
            wish = initial_wishes.get(participation.pk)
            self.fields[f"kind-{key}"] = forms.ChoiceField(
                label=_("Wish"),
                choices=[(NO_WISH, _("no wish")), *WishKind.choices],
                required=False,
                initial=wish.kind if wish else NO_WISH,
            )
            self.fields[f"by-{key}"] = forms.ChoiceField(
                label=_("Whose wish"),
                choices=WishedBy.choices,
                initial=wish.wished_by if wish else WishedBy.SEEKER,
            )
            self.rows.append((participation, self[f"kind-{key}"], self[f"by-{key}"]))

    def wishes(self) -> dict:
        """{participation public_id: (kind or "", wished_by)}."""
        return {
            name.removeprefix("kind-"): (value, self.cleaned_data[f"by-{name[5:]}"])
            for name, value in self.cleaned_data.items()
            if name.startswith("kind-")
        }
