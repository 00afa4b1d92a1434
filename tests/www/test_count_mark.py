"""One mark for a withheld count everywhere: an asterisk that a screen reader reads as "not
shown", never "fewer than 5" (a count may be withheld only to protect a small one beside it)."""

from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template("{% load kohtaamo %}[{% count value %}][{% count value hidden=flag %}]")


def render(value, flag=False, language="en") -> str:
    with translation.override(language):
        return TEMPLATE.render(Context({"value": value, "flag": flag}))


def test_a_count_is_shown_as_itself():
    assert render(12) == "[12][12]"
    assert render(0) == "[0][0]"


def test_a_withheld_count_is_the_mark_read_as_not_shown():
    html = render(None)
    mark = '<span class="count-hidden"><span aria-hidden="true">*</span>'
    assert html.startswith(f"[{mark}")
    assert "not shown" in html and "fewer" not in html
    assert "piilotettu" in render(None, language="fi")
    assert "dold" in render(None, language="sv")


def test_a_flag_hides_a_stored_count_and_none_without_it_is_no_data():
    assert render(12, flag=True).endswith('<span class="visually-hidden">not shown</span></span>]')
    assert render(None, flag=False).endswith("[–]")
