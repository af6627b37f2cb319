"""The filter forms' renderer writes what Django's widget templates write, byte for byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.filters import CheckboxFlag
from core.form_rendering import FILTER_FORM_RENDERER, PlainWidgetRenderer

TEMPLATES = DjangoTemplates()
CHOICES = [
    ("a", "Alpha"),
    ("b&c", _("Unknown")),
    ("", 'Quote " <tag>'),
    (3, "Three"),
    ("safe", mark_safe("<i>Safe</i>")),
    (1.5, 1234.5),
]
GROUPED = [("", "Any"), ("Group <1>", [("x", "Ex"), ("y", "Why")]), ("z", "Zed")]


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>'}))
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    number = forms.IntegerField(required=False, min_value=0)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    flag = forms.CharField(required=False, widget=CheckboxFlag)
    box = forms.BooleanField(required=False)
    month = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "month", "data-x": True}))
    off = forms.CharField(required=False, widget=forms.TextInput(attrs={"disabled": False, "title": None}))
    safe = forms.CharField(required=False, widget=forms.TextInput(attrs={"title": mark_safe("<b>&amp;</b>")}))
    select = forms.ChoiceField(choices=CHOICES)
    optional = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=CHOICES, required=False)
    boxes = forms.MultipleChoiceField(choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple)
    grouped_boxes = forms.MultipleChoiceField(
        choices=GROUPED, required=False, widget=forms.CheckboxSelectMultiple
    )
    radios = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    described = forms.CharField(required=False, help_text="Some help")


DATA = [
    {},
    {
        "text": "x" * 30,
        "search": '<script>"',
        "number": "-1",
        "date": "2018-02-30",
        "hidden": "&",
        "flag": "1",
        "box": "on",
        "month": "2018-01",
        "select": "b&c",
        "optional": "3",
        "grouped": "y",
        "several": ["a", "3"],
        "boxes": ["b&c", ""],
        "grouped_boxes": ["x", "z"],
        "radios": "nope",
        "described": "yes",
    },
]


def drawn(form, renderer) -> list[str]:
    """Every way the filter form and Django's own templates draw a field."""
    form.renderer = renderer
    out = []
    for name in form.fields:
        field = form[name]
        out.append(str(field))
        for choice in field.subwidgets:
            out += [choice.tag(), str(choice)]
    return out


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("data", DATA)
def test_renderer_writes_what_the_templates_write(data, language):
    with translation.override(language):
        expected = drawn(EveryWidget(data or None), TEMPLATES)
        got = drawn(EveryWidget(data or None), FILTER_FORM_RENDERER)
    assert got == expected


def test_other_templates_are_rendered_as_usual():
    class CustomOption(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class Form(forms.Form):
        pick = forms.ChoiceField(choices=CHOICES, widget=CustomOption)
        notes = forms.CharField(widget=forms.Textarea)

    expected = [str(field) for field in Form({"pick": "a", "notes": "<x>"}, renderer=TEMPLATES)]
    got = [str(field) for field in Form({"pick": "a", "notes": "<x>"}, renderer=PlainWidgetRenderer())]
    assert got == expected
