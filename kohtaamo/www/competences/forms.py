from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaamo.lang.extract import MAX_TEXT_CHARS

LANG_CHOICES = [
    ("detect", _("detect")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
TEXT_TYPES = [("ad", _("job ad")), ("cv", _("CV")), ("note", _("counsellor's note"))]


class ExtractForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("A job ad, a CV or a note. Nothing you paste here is saved."),
    )
    lang = forms.ChoiceField(
        label=_("Language of the text"), choices=LANG_CHOICES, initial="detect"
    )
    text_type = forms.ChoiceField(label=_("Kind of text"), choices=TEXT_TYPES, initial="ad")
