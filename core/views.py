"""The public list page: filters, keyset pages, capped count, CSV download.

Subclasses give the FilterSet, the ``.public()`` queryset, the keyset and
the CSV columns. A malformed parameter answers 400 with the form's message;
an unknown one is ignored. ``bad_request`` is the 400 page of every other
refusal (a broken page link, an unknown format) and Django's ``handler400``.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.forms import MultiWidget
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext as _
from django.views import View
from django_filters.widgets import SuffixedMultiWidget

from .csv_download import csv_response
from .fragments import fragment
from .pagination import PAGE_SIZES, InvalidCursor, KeysetPaginator, capped_count, page_size_from

# The parameters every list reads besides its filters.
LIST_PARAMETERS = ("after", "before", "per_page", "format", "hxl")


def form_parameters(form) -> set[str]:
    """The query parameters a form reads: each field's name, or the names of its parts (a date
    range reads ``date_after`` and ``date_before``)."""
    names = set()
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, SuffixedMultiWidget):
            names.update(widget.suffixed(name, suffix) for suffix in widget.suffixes)
        elif isinstance(widget, MultiWidget):
            names.update(name + part for part in widget.widgets_names)
        else:
            names.add(name)
    return names


def reads_parameters(parameters):
    """Marks a function view with the query parameters it reads: ``parameters()`` gives them, as a
    list view's ``parameters`` does. A view without the mark reads none (for the page cache)."""

    def mark(view):
        view.parameters = parameters
        return view

    return mark


def bad_request(request, message, *, status=400):
    """The 400 page: what is wrong, in the page's language, and a way back to the plain page."""
    return render(request, "400.html", {"message": message, "retry_url": request.path}, status=status)


def handler500(request):
    """A server error. When the database cannot be reached (a restart, an outage) the page says
    so with a 503 and ``Retry-After``: the site comes back by itself once the database does
    (each request checks its connection). Rendered without the request's context, since that
    would read the session and the user from the database."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


RETRY_AFTER_SECONDS = 30


def handler400(request, exception=None):
    """Django's 400 (a malformed request it refused itself, such as too many fields)."""
    return bad_request(request, _("The request could not be understood. Check the address and try again."))


class PublicListView(View):
    filterset_class = None
    template_name = ""
    # The stable order: this key, then id.
    keyset = "-date"
    keyset_nullable = False
    csv_name = "rows"
    # (header, HXL hashtag) pairs; ``csv_rows`` yields the values in this order.
    csv_columns: list[tuple[str, str]] = []
    # A function giving the (value, name) pairs of the place box's datalist, for a form with a
    # place field. Called only when the template's cached copy of the list has expired.
    place_options = None
    # A Jinja2 template (``core.fragments``) for the page's rows, given ``rows`` and ``labels``
    # (``row_labels()``) and placed by the page's template as ``rows_html``; None: the page's
    # template draws its rows itself.
    rows_template: str | None = None

    @classmethod
    def parameters(cls) -> set[str]:
        """Every query parameter this list reads: its filters' and the paging and download ones.
        The page cache keys on these only."""
        return form_parameters(cls.filterset_class().form) | set(LIST_PARAMETERS)

    def get_queryset(self):
        raise NotImplementedError

    def decorate(self, rows: list) -> None:
        """Fetch what the page shows about ``rows`` in a fixed number of queries."""

    def row_labels(self) -> dict:
        """The words ``rows_template`` shows, in the page's language."""
        return {}

    def csv_rows(self, queryset):
        """Yield the CSV values of each row, in ``csv_columns`` order, reading in chunks."""
        raise NotImplementedError

    def extra_context(self) -> dict:
        return {}

    def get(self, request):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        wanted = request.GET.get("format", "html")
        if wanted not in ("html", "csv"):
            message = _("Unknown format “%(format)s”: use format=csv or leave it out.") % {"format": wanted}
            return bad_request(request, message)
        if not filterset.is_valid():
            return self.invalid(request, filterset, wanted)
        if wanted == "csv":
            return self.csv(filterset.qs, hxl=request.GET.get("hxl") in ("1", "true", "yes"))
        paginator = KeysetPaginator(self.keyset, nullable=self.keyset_nullable)
        try:
            page = paginator.paginate(
                filterset.qs,
                page_size=page_size_from(request.GET.get("per_page")),
                after=request.GET.get("after"),
                before=request.GET.get("before"),
            )
        except InvalidCursor as exc:
            return bad_request(request, exc.message)
        context = {"page": page}
        if page.rows:
            self.decorate(page.rows)
            if self.rows_template:
                labels = self.row_labels()
                context["rows_html"] = fragment(self.rows_template, {"rows": page.rows, "labels": labels})
        count, more = capped_count(filterset.qs, ordering=self.count_ordering(filterset, paginator))
        context |= {"count": count, "more": more}
        return render(request, self.template_name, self.base_context(filterset) | context)

    def count_ordering(self, filterset, paginator) -> list:
        return count_ordering(filterset, paginator)

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
        read_choices_once(filterset.form)
        context = {"filterset": filterset, "form": filterset.form, "page_sizes": PAGE_SIZES}
        if self.place_options is not None and "place" in filterset.form.fields:
            context["place_options"] = self.place_options
        return context | self.extra_context()

    def csv(self, queryset, *, hxl: bool):
        rows = self.csv_rows(queryset)
        header = [name for name, _tag in self.csv_columns]
        tags = [tag for _name, tag in self.csv_columns] if hxl else None
        filename = f"{self.csv_name}-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(filename, header, rows, tags)


def count_ordering(filterset, paginator) -> list:
    """The order to count a filtered list in: the list's own when a filter is a range of its key.

    The rows of a date range cluster in the table (records come in over the years), so a
    capped count in table order can read half of it before the first match; along the
    key it reads just the matches. Otherwise table order: along the key, PostgreSQL
    would test an expensive condition (a text search) row by row. (The public lists and
    the JSON API count alike.)
    """
    key = paginator.field
    data = filterset.form.cleaned_data
    on_key = (name for name, f in filterset.filters.items() if getattr(f, "field_name", None) == key)
    return paginator.ordering() if any(data.get(name) for name in on_key) else []


def read_choices_once(form) -> None:
    """Choices given by a function (the parties) read once for the page.

    Otherwise drawing the field reads them twice: once to decide on
    ``required``, once for the options. The form's fields are its own copies.
    """
    for field in form.fields.values():
        if isinstance(getattr(field, "choices", None), CallableChoiceIterator):
            field.choices = list(field.choices)
