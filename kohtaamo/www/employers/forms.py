from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from kohtaamo.core.i18n import active_language
from kohtaamo.employers import industries
from kohtaamo.employers.enums import ReportLanguage, SizeClass
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation

LAPLAND = "19"
MONTH_CHOICES = [(str(number), name) for number, name in MONTHS.items()]


def municipality_choices():
    """Lapland's municipalities first (the region's own work), then the rest of Finland."""
    municipalities = sorted(
        Municipality.objects.select_related("region"), key=lambda m: m.name.lower()
    )
    lapland = [(m.code, m.name) for m in municipalities if m.region.code == LAPLAND]
    others = [(m.code, m.name) for m in municipalities if m.region.code != LAPLAND]
    return [("", "—"), (_("Lapland"), lapland), (_("Other municipalities"), others)]


class PlainForm(forms.Form):
    """Labels without the trailing colon, as in the rest of Kohtaamo."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class EmployerForm(PlainForm):
    """Parses the fields; `employers.services` validates business ID, industry and the rest."""

    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"), max_length=20, help_text=_("For example 0210427-6.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    industry = forms.CharField(
        label=_("Industry (TOL 2008)"),
        max_length=10,
        required=False,
        help_text=_(
            "The industry code from the trade register, e.g. 55.10 for hotels. "
            "Leave it empty if you do not know it."
        ),
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    size_class = forms.ChoiceField(
        label=_("Size class"), required=False, choices=[("", "—"), *SizeClass.choices]
    )
    peak_months = forms.MultipleChoiceField(
        label=_("Months of peak need"),
        required=False,
        choices=MONTH_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "month-choice"}),
        help_text=_("The months when the employer needs the most workers."),
    )
    language = forms.ChoiceField(
        label=_("Language of reports"), choices=ReportLanguage.choices, initial=ReportLanguage.FI
    )
    website = forms.CharField(label=_("Website"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices()

    def clean_municipality(self) -> Municipality | None:
        code = self.cleaned_data["municipality"]
        return Municipality.objects.filter(code=code).first() if code else None

    def clean_peak_months(self) -> list[int]:
        return sorted(int(m) for m in self.cleaned_data["peak_months"])

    @staticmethod
    def initial_for(employer) -> dict:
        return {
            "business_id": employer.business_id,
            "name": employer.name,
            "industry": employer.industry,
            "municipality": employer.municipality.code if employer.municipality else "",
            "size_class": employer.size_class,
            "peak_months": [str(m) for m in employer.peak_months],
            "language": employer.language,
            "website": employer.website,
        }


class ContactForm(PlainForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    is_primary = forms.BooleanField(label=_("Primary contact"), required=False)


class ImportForm(PlainForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8, separated by ; or ,) or an Excel workbook (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    dry_run = forms.BooleanField(
        label=_("Check only: show what would happen and save nothing"), required=False
    )


class ShareForm(PlainForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects,
        empty_label="—",
        widget=forms.Select(attrs={"aria-describedby": "share-help"}),
    )

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).exclude(
            pk__in=employer.partnerships.values("organisation")
        )


class EmployerFilterForm(PlainForm):
    """The list page's search and filters; invalid values are ignored, not errors."""

    q = forms.CharField(label=_("Name or business ID"), required=False, max_length=200)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    section = forms.ChoiceField(label=_("Industry"), required=False)
    size_class = forms.ChoiceField(
        label=_("Size class"), required=False, choices=[("", _("All")), *SizeClass.choices]
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [
            ("", _("All")),
            *sorted(((m.code, m.name) for m in municipalities), key=lambda c: c[1].lower()),
        ]
        lang = active_language()
        self.fields["section"].choices = [
            ("", _("All")),
            *((s.letter, f"{s.letter} {s.name(lang)}") for s in industries.SECTIONS),
        ]

    def filters(self) -> dict:
        """The valid filters that are set; a bad one is dropped, the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}
