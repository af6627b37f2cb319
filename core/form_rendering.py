"""Drawing the public lists' filter forms fast: the plain widget templates done in Python.

A filter form has a hundred options, and Django's templates cost three
template renders each; these functions write the same markup, byte for byte
(``tests/core/test_widget_renderer.py``).
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.choices import CallableChoiceIterator
from django.utils.formats import localize
from django.utils.safestring import SafeData


def read_choices_once(form) -> None:
    """Choices given by a function (the parties) read once for the page.

    Otherwise drawing the select reads them twice: once to decide on
    ``required``, once for the options. The form's fields are its own copies.
    """
    for field in form.fields.values():
        if isinstance(getattr(field, "choices", None), CallableChoiceIterator):
            field.choices = list(field.choices)


class PlainWidgetRenderer(DjangoTemplates):
    """Django's form renderer, with its plain <input>, option and <select> templates done in Python.

    The output is what those templates write, byte for byte (stray newlines
    included); any other template is rendered as usual. A filter form has a
    hundred options, and the templates cost three template renders each.
    """

    def render(self, template_name, context, request=None):
        draw = PLAIN_WIDGET_TEMPLATES.get(template_name)
        drawn = draw(context["widget"]) if draw is not None else None
        if drawn is None:
            return super().render(template_name, context, request)
        return drawn


def _text(value) -> str:
    """``{{ value }}``: localized, then escaped unless it is safe HTML."""
    value = localize(value)
    if not isinstance(value, str):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(value)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: in order, ``True`` as a bare name, ``False`` left out."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_value(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _value(value) -> str:
    """``{{ value|stringformat:'s' }}``: the string, escaped unless the value was safe HTML."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html, which text.html, checkbox.html and the like include."""
    value = "" if widget["value"] is None else f' value="{_value(widget["value"])}"'
    name = _text(widget["name"])
    return f'<input type="{_text(widget["type"])}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _input_option(widget: dict) -> str:
    """django/forms/widgets/input_option.html: a checkbox or radio button of a group."""
    if not widget["wrap_label"]:
        return _input(widget)
    label_for = f' for="{_text(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    # The included input.html ends with a newline.
    return f"<label{label_for}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _select(widget: dict) -> str | None:
    """django/forms/widgets/select.html, when every option has the plain option template."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                return None
            # select_option.html, included with the newline it ends with.
            value, attrs, label = _value(option["value"]), _attrs(option["attrs"]), _text(option["label"])
            parts.append(f'\n  <option value="{value}"{attrs}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


INPUT_TEMPLATES = ("checkbox", "color", "date", "datetime", "email", "hidden", "input", "number")
INPUT_TEMPLATES += ("password", "search", "tel", "text", "time", "url")
PLAIN_WIDGET_TEMPLATES = {
    **{f"django/forms/widgets/{name}.html": _input for name in INPUT_TEMPLATES},
    "django/forms/widgets/checkbox_option.html": _input_option,
    "django/forms/widgets/radio_option.html": _input_option,
    "django/forms/widgets/input_option.html": _input_option,
    "django/forms/widgets/select.html": _select,
}
FILTER_FORM_RENDERER = PlainWidgetRenderer()
