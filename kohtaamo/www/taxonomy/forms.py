from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaamo.taxonomy.enums import SearchKind

KIND_CHOICES = [("", _("everything"))] + [
    (k, label)
    for k, label in SearchKind.choices
    if k in {SearchKind.SKILL, SearchKind.OCCUPATION, SearchKind.LICENCE, SearchKind.UNIT}
]
LANG_CHOICES = [
    ("", _("all languages")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    lang = forms.ChoiceField(
        label=_("Language of the search words"), choices=LANG_CHOICES, required=False
    )
