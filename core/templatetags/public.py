"""Template tags of the public pages that know no domain: query strings, ordinals, form fields."""

from django import forms, template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.translation import gettext_lazy
from django_filters.widgets import DateRangeWidget

from core.bilingual import as_text, label_text, other_text, record_text
from core.filters import CheckboxFlag

register = template.Library()

ORDINALS = [
    gettext_lazy("first"),
    gettext_lazy("second"),
    gettext_lazy("third"),
    gettext_lazy("fourth"),
    gettext_lazy("fifth"),
    gettext_lazy("sixth"),
    gettext_lazy("seventh"),
    gettext_lazy("eighth"),
    gettext_lazy("ninth"),
    gettext_lazy("tenth"),
]


@register.filter
def ordinal_word(number) -> str:
    """ "third" for 3; "11th" from 11 on."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return ""
    if 1 <= number <= len(ORDINALS):
        return str(ORDINALS[number - 1])
    return ordinal(number)


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with ``changes`` applied (``None`` removes a key), cursors dropped."""
    params = context["request"].GET.copy()
    for key in ("after", "before"):
        if key not in changes:
            params.pop(key, None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def widget_kind(bound_field) -> str:
    """How the filter form draws a field: "range", "checkboxes", "radios", "flag", "select" or "input"."""
    widget = bound_field.field.widget
    if isinstance(widget, DateRangeWidget):
        return "range"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, CheckboxFlag):
        return "flag"
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        return "select"
    return "input"


@register.filter
def has_value(bound_field) -> bool:
    value = bound_field.value()
    if isinstance(value, list | tuple):
        return any(value)
    return bool(value)


@register.filter
def in_page_language(record, field: str):
    """``record``'s ``field`` in the page's language, else in the other (``core.bilingual``):
    ``{% include "includes/text.html" with text=incident|in_page_language:"title" %}``."""
    return record_text(record, field)


@register.filter
def in_other_language(record, field: str):
    """The other side of ``record``'s ``field`` (``None`` when it has none): names are shown in
    both, the page's language first (``includes/names.html``)."""
    return other_text(record, field)


@register.filter(name="label_text")
def label_text_filter(record):
    """How the back office names ``record`` (``str()``), as a ``Text`` in the language of its text
    (``core.bilingual.label_text``), for ``includes/text.html``."""
    return label_text(record)


@register.filter(name="as_text")
def as_text_filter(value):
    """A field kept in one language only (an operator, a source's title, a witness's alias), as a
    ``Text`` in the language its script shows (``core.bilingual.as_text``), for
    ``includes/text.html``: ``{% include "includes/text.html" with text=source.title|as_text %}``."""
    return as_text(value)
