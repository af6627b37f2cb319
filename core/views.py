"""The public list page: filters, keyset pages, capped count, CSV download.

Subclasses give the FilterSet, the ``.public()`` queryset, the keyset and
the CSV columns. A malformed parameter answers 400 with the form's message;
an unknown one is ignored.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.formats import localize
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _
from django.views import View

from .csv_download import csv_response
from .pagination import PAGE_SIZES, KeysetPaginator, capped_count, page_size_from


class PublicListView(View):
    filterset_class = None
    template_name = ""
    # The stable order: this key, then id.
    keyset = "-date"
    keyset_nullable = False
    csv_name = "rows"
    # (header, HXL hashtag) pairs; ``csv_rows`` yields the values in this order.
    csv_columns: list[tuple[str, str]] = []

    def get_queryset(self):
        raise NotImplementedError

    def decorate(self, rows: list) -> None:
        """Fetch what the page shows about ``rows`` in a fixed number of queries."""

    def csv_rows(self, queryset):
        """Yield the CSV values of each row, in ``csv_columns`` order, reading in chunks."""
        raise NotImplementedError

    def extra_context(self) -> dict:
        return {}

    def get(self, request):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        wanted = request.GET.get("format", "html")
        if wanted not in ("html", "csv"):
            return HttpResponse(
                _("Unknown format “%(format)s”: use format=csv or leave it out.") % {"format": wanted},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        if not filterset.is_valid():
            return self.invalid(request, filterset, wanted)
        if wanted == "csv":
            return self.csv(filterset.qs, hxl=request.GET.get("hxl") in ("1", "true", "yes"))
        paginator = KeysetPaginator(self.keyset, nullable=self.keyset_nullable)
        page = paginator.paginate(
            filterset.qs,
            page_size=page_size_from(request.GET.get("per_page")),
            after=request.GET.get("after"),
            before=request.GET.get("before"),
        )
        if page.rows:
            self.decorate(page.rows)
        count, more = capped_count(filterset.qs)
        context = {"page": page, "count": count, "more": more}
        return render(request, self.template_name, self.base_context(filterset) | context)

    def invalid(self, request, filterset, wanted):
        if wanted == "csv":
            messages = [f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items()]
            return HttpResponse(
                "\n".join([_("Some parameters are not valid:"), *messages]),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        context = self.base_context(filterset) | {"page": None, "invalid": True}
        return render(request, self.template_name, context, status=400)

    def base_context(self, filterset) -> dict:
        filterset.form.renderer = FILTER_FORM_RENDERER
        read_choices_once(filterset.form)
        context = {"filterset": filterset, "form": filterset.form, "page_sizes": PAGE_SIZES}
        if "place" in filterset.form.fields:
            context["place_options"] = place_options()
        return context | self.extra_context()

    def csv(self, queryset, *, hxl: bool):
        rows = self.csv_rows(queryset)
        header = [name for name, _tag in self.csv_columns]
        tags = [tag for _name, tag in self.csv_columns] if hxl else None
        filename = f"{self.csv_name}-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(filename, header, rows, tags)


def place_options(limit: int = 500) -> list[tuple[str, str]]:
    """Governorates and districts for the place box's datalist, as (value, name) pairs; smaller
    places are typed. The value is the P-code, or the name of a place without one."""
    from facilities.models import Place, PlaceLevel

    levels = [PlaceLevel.ADMIN1, PlaceLevel.ADMIN2]
    places = Place.objects.public().filter(level__in=levels).order_by("name").values_list("pcode", "name")
    return [(pcode or name, name) for pcode, name in places[:limit]]


# The filter forms' widgets


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
