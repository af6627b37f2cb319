"""Admin building blocks shared by the apps: links to records, audited history.

Domain-free: the review workflow's admin pieces live in ``incidents.admin_workflow``,
the governorate filter in ``facilities.admin``.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from core.bilingual import Text, as_text, label_text
from core.estimated_count import EstimatedCountPaginator


def admin_link(record, text=None) -> str:
    """An HTML link to ``record``'s admin change page."""
    if record is None:
        return "-"
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return format_html('<a href="{}">{}</a>', url, text if text is not None else str(record))


# A list filter whose choices may be a record's text (``core.bilingual.Text``): Django's own
# filter template, each choice marked when it is not in the back office's language.
MARKED_FILTER_TEMPLATE = "admin/marked_filter.html"


def marked(text: Text | str) -> str:
    """A change-list cell with a record's text: in a ``lang``/``dir`` span when it is not in the
    back office's language (``core.bilingual``; as ``templates/includes/text.html`` does)."""
    if getattr(text, "fallback", False):
        return format_html('<span lang="{}" dir="{}">{}</span>', text.lang, text.dir, text)
    return text


def marked_text(value: str) -> str:
    """A change-list cell with text kept in one language only, whichever it is (a source's title,
    an alias, a note, one side of a name): marked as :func:`marked` does, by its script."""
    return marked(as_text(value))


def code_cell(code: str) -> str:
    """A change-list cell with a code (``syrian-regime``): no language's text, never translated."""
    return format_html('<span class="code" translate="no">{}</span>', code)


def account_cell(user) -> str:
    """A change-list cell naming an account: its username, a code rather than a language's text."""
    return code_cell(user.get_username()) if user is not None else "-"


class MarkedOptions:
    """A select (plain or autocomplete) whose options name records in the other language than the
    back office's with ``lang`` and ``dir`` (their labels are ``core.bilingual.Text``)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(label, "fallback", False):
            option["attrs"] = {**option["attrs"], "lang": label.lang, "dir": label.dir}
        return option


_MARKED_WIDGETS: dict[type, type] = {}


def marked_choices(formfield):
    """``formfield`` (a choice of records) with each record's label marked by its language."""
    widget = getattr(formfield, "widget", None)
    if widget is None or not hasattr(widget, "create_option"):
        return formfield
    formfield.label_from_instance = label_text
    cls = type(widget)
    if not issubclass(cls, MarkedOptions):
        if cls not in _MARKED_WIDGETS:
            _MARKED_WIDGETS[cls] = type(f"Marked{cls.__name__}", (MarkedOptions, cls), {})
        widget.__class__ = _MARKED_WIDGETS[cls]
    return formfield


def is_free_text(db_field) -> bool:
    """Text typed freely in either language: not a pair's side, a vocabulary, a code or an address."""
    return (
        db_field.get_internal_type() in ("CharField", "TextField")
        and not db_field.choices
        and not isinstance(db_field, models.URLField | models.EmailField | models.SlugField)
        and db_field.name != "code"
    )


class LanguageFormsMixin:
    """Admin and inline forms typed and read in either language: each side of a text pair in its
    own language and direction, free text in the direction of what is typed, and a record chosen
    in a select named as the change lists name it, marked with its language when that is not the
    back office's (:func:`marked_choices`)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Text with an Arabic side (``title`` and ``title_ar``) is typed in its own language and
        direction, whatever the back office's: ``lang`` and ``dir`` on each of the pair."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = bilingual_side(db_field)
        if formfield is not None and language:
            formfield.widget.attrs.update({"lang": language, "dir": "rtl" if language == "ar" else "ltr"})
        elif formfield is not None and is_free_text(db_field):
            # Text kept in one field whatever its language (a statement, a caption, an operator):
            # its box takes the direction of what is typed in it.
            formfield.widget.attrs.setdefault("dir", "auto")
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return marked_choices(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return marked_choices(super().formfield_for_manytomany(db_field, request, **kwargs))


def yes_no_icon(value: bool | None) -> str:
    """Django's change-list icon for a boolean, its ``alt`` in the back office's language (Django's
    own says "True" or "False" in English whatever the language)."""
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    word = {True: _("yes"), False: _("no"), None: _("unknown")}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), word)


def bilingual_side(db_field) -> str:
    """``"ar"`` for the Arabic side of a text pair, ``"en"`` for its English side, else ``""``."""
    if db_field.get_internal_type() not in ("CharField", "TextField"):
        return ""
    names = {field.name for field in db_field.model._meta.get_fields()}
    if db_field.name.endswith("_ar") and db_field.name[:-3] in names:
        return "ar"
    return "en" if f"{db_field.name}_ar" in names else ""


class AuditedAdmin(LanguageFormsMixin, SimpleHistoryAdmin):
    """Every change is kept and viewable; history is never reverted from the admin.

    Reverting would restore an old status (a published record back to draft)
    or retracted content without passing through the workflow.

    Change lists page with the table's estimated size instead of COUNT(*)
    when unfiltered, and count a filtered list up to a cap (core.estimated_count).
    """

    paginator = EstimatedCountPaginator

    def revert_disabled(self, request, obj=None):
        return True

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        if getattr(getattr(context.get("cl"), "result_count", None), "capped", False):
            # Django's note names the count ("All 10000 selected"); the action acts on every match.
            context["selection_note_all"] = _("All matching %(name)s selected") % {
                "name": self.model._meta.verbose_name_plural
            }
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
