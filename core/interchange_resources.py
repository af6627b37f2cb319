"""Interchange resources on django-import-export: strict widgets and the base resource.

Each app's ``resources.py`` subclasses :class:`InterchangeResource`. Every bad cell is reported,
never coerced; references are looked up by code once per import; the rest is the library's
(``import_id_fields``, a cached loader, ``full_clean()``, ``skip_unchanged``) and simple_history's
(history of saves, ``bulk_create_with_history``). Added: a header may leave out any column but the
keys; a file with any problem imports nothing, and ``result.problems`` gives each one's line,
column, value and reason; history names the importing user and the file.
"""

import datetime
import math
import re
from decimal import Decimal
from operator import attrgetter

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import exceptions, fields, instance_loaders, resources, results, widgets
from simple_history.utils import bulk_create_with_history

from core.interchange import Problem, as_text, blank, escape_cell, place_in_file, printable, unescape_text

# Tab, line feed and carriage return are text; other control characters are junk or mojibake.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
WHOLE_NUMBER = re.compile(r"[+-]?\d{1,15}")
DECIMAL_NUMBER = re.compile(r"[+-]?(?:\d{1,15}(?:\.\d*)?|\.\d+)")
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "y", "1", "t"}, {"false", "no", "n", "0", "f"}
INTEGER_LIMIT = 2_147_483_647  # what every database's integer column holds


def clean_text(value) -> str:
    """Text as typed (the export's formula escape undone); control characters are refused."""
    text = as_text(value)
    if bad := CONTROL_CHARACTERS.search(text):
        raise ValueError(
            _(
                "contains the control character U+%04X, which is not text; remove it (a file full of "
                "these is binary or in the wrong encoding)"
            )
            % ord(bad.group())
        )
    return unescape_text(text)


def code_of(value) -> str:
    """A key cell for lookups: never raises (a bad cell is reported by its widget)."""
    try:
        return clean_text(value).strip()
    except ValueError:
        return ""


def in_batches(queryset, lookup: str, values):
    """``queryset.filter(<lookup>__in=values)`` in as few queries as the database's parameter limit allows."""
    values, size = list(values), connection.features.max_query_params or 10_000
    for start in range(0, len(values), size):
        yield from queryset.filter(**{f"{lookup}__in": values[start : start + size]})


# --- widgets: the library's, made strict -----------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Free text, stored as typed (HTML, scripts, Arabic, bidi marks); a key's spaces are trimmed."""

    def __init__(self, strip=False):
        super().__init__()
        self.strip = strip

    def clean(self, value, row=None, **kwargs):
        return clean_text(value).strip() if self.strip else clean_text(value)


class ChoiceWidget(widgets.CharWidget):
    """A vocabulary code (any letter case). Blank is ``""``, or ``None`` (keep the value) when
    the field has a default."""

    def __init__(self, choices, keep_when_blank=False):
        super().__init__()
        self.codes = {str(code).lower(): str(code) for code, _label in choices}
        self.blank_value = None if keep_when_blank else ""

    def clean(self, value, row=None, **kwargs):
        if not (text := clean_text(value).strip()):
            return self.blank_value
        if text.lower() not in self.codes:
            raise ValueError(_("is not a known code; use one of: %s") % ", ".join(self.codes.values()))
        return self.codes[text.lower()]


class DateWidget(widgets.DateWidget):
    """ISO dates (YYYY-MM-DD), or a workbook's date cell; impossible dates are refused."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time(0):
                raise ValueError(_("has a time of day; give the date only (YYYY-MM-DD)"))
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, str):
            raise ValueError(_("is not a date; write dates as YYYY-MM-DD, for example 2018-01-11"))
        if not (match := ISO_DATE.fullmatch(value.strip())):
            raise ValueError(_("is not a date in the form YYYY-MM-DD (for example 2018-01-11)"))
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ValueError(
                _("is not a real date (a year from 1, a month 1 to 12, a day that month has)")
            ) from None


class TimeWidget(widgets.TimeWidget):
    """A clock time HH:MM or HH:MM:SS (24 hours)."""

    def clean(self, value, row=None, **kwargs):
        if blank(value) or isinstance(value, datetime.time):
            return None if blank(value) else value
        if isinstance(value, datetime.datetime) or not (
            match := CLOCK_TIME.fullmatch(as_text(value).strip())
        ):
            raise ValueError(_("is not a time of day in the form HH:MM (for example 14:05)"))
        try:
            return datetime.time(*(int(part or 0) for part in match.groups()))
        except ValueError:
            raise ValueError(
                _("is not a real time of day (hours 0 to 23, minutes and seconds 0 to 59)")
            ) from None


class IntegerWidget(widgets.IntegerWidget):
    """A whole number; the model's validators check the range (no negative counts)."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
            value = int(value)
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and WHOLE_NUMBER.fullmatch(value.strip()))
        ):
            raise ValueError(_("is not a whole number"))
        if abs(number := int(value)) > INTEGER_LIMIT:
            raise ValueError(_("is too large (at most %s)") % f"{INTEGER_LIMIT:,}")
        return number


class DecimalWidget(widgets.DecimalWidget):
    """A decimal number with a dot (coordinates); the model checks digits and range."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        text = repr(value) if isinstance(value, float) else as_text(value).strip()
        if isinstance(value, bool) or not DECIMAL_NUMBER.fullmatch(text):
            raise ValueError(_("is not a number; write decimals with a dot, for example 36.2021"))
        return Decimal(text)  # what the pattern matches, Decimal reads


class BooleanWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        if (text := as_text(value).strip().lower()) in TRUE_WORDS | FALSE_WORDS or not text:
            return text in TRUE_WORDS if text else None
        raise ValueError(_("is not true or false (write true/false, yes/no or 1/0)"))


class RefWidget(widgets.ForeignKeyWidget):
    """A record by its code. The codes a file names are fetched in a few queries (:meth:`prepare`);
    a code not among them (a record made by an earlier row, another letter case) costs one."""

    def __init__(self, model, field="code", label="", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label or str(model._meta.verbose_name)
        self.cache, self.defined_on, self.line, self.unit = {}, {}, 0, "line"

    def prepare(self, values) -> None:
        codes = {code for value in values if (code := code_of(value))} - self.cache.keys()
        for obj in in_batches(self.get_queryset(None, None), self.field, codes):
            self.remember(obj)

    def remember(self, obj) -> None:
        self.cache[getattr(obj, self.field)] = obj

    def clean(self, value, row=None, **kwargs):
        if not (code := clean_text(value).strip()):
            return None
        obj = self.find(code)
        return obj.pk if self.key_is_id else obj

    def find(self, code: str):
        if code not in self.cache:
            if (found := self.lookup(code)) is None:
                raise ValueError(self.missing(code))
            self.cache[code] = found
        return self.cache[code]

    def lookup(self, code: str):
        records = self.get_queryset(None, None)
        exact = records.filter(**{self.field: code}).first()
        folded = [] if exact else list(records.filter(**{f"{self.field}__iexact": code})[:2])
        return exact or (folded[0] if len(folded) == 1 else None)

    def missing(self, code: str) -> str:
        """Why ``code`` names nothing; a record of this import's own file says where it is."""
        line = self.defined_on.get((code.lower(),))
        what = {"label": self.label, "where": line and place_in_file(self.unit, line)}
        if line and line > self.line:
            message = _(
                "no %(label)s has this code yet: it is defined further down, on %(where)s; put that row first"
            )
            return message % what
        if line and line < self.line:
            return _("the %(label)s with this code, on %(where)s, has errors") % what
        return _("no %(label)s has this code") % what

    def export_expression(self, attribute: str):
        return F(f"{attribute}__{self.field}")


class CodeListWidget(widgets.ManyToManyWidget):
    """Codes separated by ``;`` (the members of an undetermined party), each looked up by code."""

    def __init__(self, model, label=""):
        super().__init__(model, separator=";", field="code")
        self.ref = RefWidget(model, label=label)

    def prepare(self, values) -> None:
        self.ref.prepare(code.strip() for value in values for code in as_text(value).split(self.separator))

    def clean(self, value, row=None, **kwargs):
        found, problems = [], []
        for code in dict.fromkeys(c.strip() for c in clean_text(value).split(self.separator) if c.strip()):
            try:
                found.append(self.ref.find(code))
            except ValueError as exc:
                problems.append(f"{code}: {exc}")
        if problems:
            raise ValueError("; ".join(problems))
        return found


STRICT_WIDGETS = [
    (models.BooleanField, BooleanWidget),
    (models.DateField, DateWidget),
    (models.TimeField, TimeWidget),
    (models.DecimalField, DecimalWidget),
    (models.IntegerField, IntegerWidget),
]


class CachedLoader(instance_loaders.ModelInstanceLoader):
    """The file's stored records in a query or two, matched on every import id field in any letter
    case (the library's ``CachedInstanceLoader`` takes one field, and cleans every cell to look)."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        paths = [
            f.attribute + (f"__{f.widget.field}" if isinstance(f.widget, RefWidget) else "")
            for f in resource.keys
        ]
        records = self.get_queryset().annotate(folded_key=Lower(paths[0]))  # no index serves it: few queries
        keys = [attrgetter(path.replace("__", ".")) for path in paths]
        wanted = {key[0] for key in resource.defined}
        self.stored = {
            tuple(str(k(obj)).lower() for k in keys): obj for obj in in_batches(records, "folded_key", wanted)
        }

    def get_instance(self, row):
        return self.stored.get(self.resource.key_of(row))


class ImportResult(results.Result):
    """The library's result, with every problem on its line (``problems``) and the counts."""

    problems, dry_run = (), False
    ok = property(lambda self: not self.problems)
    new = property(lambda self: self.totals["new"])
    updated = property(lambda self: self.totals["update"])
    unchanged = property(lambda self: self.totals["skip"])

    def has_errors(self):
        return bool(self.problems) or super().has_errors()

    def summary(self, label: str) -> str:
        if self.problems:
            bad = len({p.line for p in self.problems if p.line})
            found = ngettext("%(count)s problem", "%(count)s problems", len(self.problems))
            found %= {"count": len(self.problems)}
            if not bad:
                return _("Nothing was imported: %s.") % found
            rows = ngettext("%(count)s row", "%(count)s rows", bad) % {"count": bad}
            return _("Nothing was imported: %(problems)s in %(rows)s.") % {"problems": found, "rows": rows}
        numbers = {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "label": label}
        counts = _("%(new)s new, %(updated)s updated, %(unchanged)s unchanged %(label)s") % numbers
        if self.dry_run:
            return _("Dry run, nothing saved. The file would give: %s.") % counts
        return _("Imported: %s.") % counts


# --- the base resource ------------------------------------------------------------------------------


class InterchangeResource(resources.ModelResource):
    """Base of every interchange resource; see the module docstring."""

    #: Constraint name -> (column, friendlier reason), for the database's refusals.
    constraint_columns: dict[str, tuple[str, str]] = {}
    #: New records in batches (models whose save() only adds ``search_document()`` and a code).
    bulk_new = False
    #: Rows the admin's preview shows.
    PREVIEW_ROWS = 100

    class Meta:
        import_id_fields = ("code",)
        instance_loader_class = CachedLoader
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        skip_diff = True  # unchanged rows are found by skip_row() below, without a deep copy a row
        chunk_size = 500
        batch_size = 500

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user, self.reason, self.lines, self.unit, self.checked = None, "", [], "line", False
        self.defined, self.waiting, self.later = {}, [], {}
        self.line, self.before, self.status_before, self.code_before = 0, None, None, ""
        self.import_fields = super().get_import_fields()  # the library works the order out each call
        self.keys = [self.fields[name] for name in self.get_import_id_fields()]
        #: A code key, whose letter case must be the stored record's ("" for references).
        self.casefold = self.keys[0].attribute if isinstance(self.keys[0].widget, TextWidget) else ""
        self.columns_by_key = {
            k: f.column_name for f in self.import_fields for k in (f.column_name, f.attribute)
        }
        own = [getattr(field.widget, "ref", field.widget) for field in self.import_fields]
        #: Widgets that refer to this resource's own records (a parent, an earlier strike).
        self.own_widgets = [w for w in own if getattr(w, "model", None) is self._meta.model]

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        # A blank cell in a column with a default (status, counts, flags) keeps the current value.
        keep = django_field.has_default() and not django_field.null
        options = (cls._meta.widgets or {}).get(field_name, {})
        if django_field.choices:
            widget = ChoiceWidget(django_field.choices, keep)
        elif django_field.many_to_one:
            widget = RefWidget(django_field.related_model, **options)
        elif django_field.many_to_many:
            widget = CodeListWidget(django_field.related_model, **options)
        else:
            kind = next((w for k, w in STRICT_WIDGETS if isinstance(django_field, k)), None)
            widget = kind() if kind else TextWidget(strip=field_name in cls._meta.import_id_fields)
        return fields.Field(field_name, field_name, widget, readonly=readonly, saves_null_values=not keep)

    @classmethod
    def get_display_name(cls) -> str:
        return cls._meta.model._meta.verbose_name_plural.capitalize()

    def get_result_class(self):
        return ImportResult

    def get_queryset(self):
        """Existing records with what their references point to (for the comparison and clean())."""
        related = {f.name for f in self._meta.model._meta.concrete_fields if f.many_to_one}
        return self._meta.model._default_manager.select_related(
            *(f.attribute for f in self.import_fields if f.attribute in related)
        )

    def get_import_fields(self):
        return self.import_fields

    def line_of(self, number: int) -> int:
        """Spreadsheet line of the ``number``-th data row (header = line 1)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else number + 1

    def key_of(self, row) -> tuple:
        """The row's key cells as the file gives them, in lower case (blank when one is missing)."""
        return tuple(code_of(row.get(field.column_name)).lower() for field in self.keys)

    # --- import ---

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """One transaction: every row, or none.

        A file is first imported without the library's savepoint per row (two round trips a row),
        stopping at its first problem; only then again with them, so that every problem is found
        and reported on its line. Dry runs always take them.
        """
        self.user, name = kwargs.get("user"), printable(kwargs.get("file_name") or "", 150).strip('"')
        self.reason = _("Imported from %s") % (name or _("a file"))
        self.lines, self.unit = getattr(dataset, "source_lines", []), getattr(dataset, "source_unit", "line")
        known, headers = [f.column_name for f in self.import_fields], list(dataset.headers or [])
        unknown = _("this file format has no such column; the columns are: %s") % ",".join(known)
        missing = [f.column_name for f in self.keys if f.column_name not in headers]
        problems = [Problem(1, column, "", _("this column is missing from the header")) for column in missing]
        if problems := problems + [Problem(1, h, "", unknown) for h in headers if h not in known]:
            result = ImportResult()
            result.problems = problems
            return result
        self.checked = dry_run or kwargs.pop("checked", False)
        if not self.checked:
            try:
                with transaction.atomic():
                    return super().import_data(dataset, raise_errors=True, use_transactions=False, **kwargs)
            except exceptions.ImportError:
                return type(self)().import_data(dataset, raise_errors=raise_errors, checked=True, **kwargs)
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
        result.problems = self.problems_of(result, dataset)
        return result

    def before_import(self, dataset, **kwargs):
        for field in self.import_fields:
            if field.column_name in dataset.headers and hasattr(field.widget, "prepare"):
                field.widget.prepare(dataset[field.column_name])
        for number, values in enumerate(dataset, 1):
            if all(key := self.key_of(dict(zip(dataset.headers, values, strict=False)))):
                self.defined.setdefault(key, self.line_of(number))
        for widget in self.own_widgets:
            widget.defined_on, widget.unit = self.defined, self.unit

    def before_import_row(self, row, **kwargs):
        """Which line this is; a key already on an earlier line (in any letter case) is refused."""
        self.line = self.line_of(kwargs.get("row_number", 0))
        for widget in self.own_widgets:
            widget.line = self.line
        if all(key := self.key_of(row)) and self.defined[key] != self.line:
            names = [field.column_name for field in self.keys]
            message = _("the same %(what)s is already on %(where)s of this file")
            what = {
                "what": get_text_list(names, _("and")),
                "where": place_in_file(self.unit, self.defined[key]),
            }
            raise ValidationError({names[0]: message % what})

    def after_init_instance(self, instance, new, row, **kwargs):
        self.status_before = getattr(instance, "status", None)
        self.before = None if new else self.snapshot(instance)
        self.code_before = "" if new or not self.casefold else getattr(instance, self.casefold)

    def snapshot(self, instance, row=None) -> list:
        """The import fields' values; many-to-many ones as sorted keys (from ``row`` when given)."""
        values = []
        for field in self.import_fields:
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                values.append(field.get_value(instance))
            elif row is not None and field.column_name in row:
                values.append(sorted(obj.pk for obj in field.clean(row)))
            else:
                values.append(sorted(field.get_value(instance).values_list("pk", flat=True)))
        return values

    def changed(self, instance, row) -> bool:
        """Whether the row changes a stored record (a new record is not a change)."""
        return self.before is not None and self.before != self.snapshot(instance, row)

    def import_instance(self, instance, row, **kwargs):
        """The library's, and many-to-many cells checked now (it checks them after saving)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self.import_fields:
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    self.refuse(errors, field.attribute, str(exc))
        self.check_row(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, errors: dict) -> None:
        """Checks across columns, before ``full_clean()``; add to ``errors`` with :meth:`refuse`."""
        if self.code_before and getattr(instance, self.casefold) != self.code_before:
            message = _("differs only in letter case from the existing %(column)s %(code)s")
            self.refuse(errors, self.casefold, message % {"column": self.casefold, "code": self.code_before})

    @staticmethod
    def refuse(errors: dict, key: str, message: str) -> None:
        errors.setdefault(key, []).append(ValidationError(message))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and self.before is not None and not self.changed(instance, row)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean()``, leaving to the database what it checks anyway: constraints, unique
        values, and whether a reference (just looked up, or stored) exists."""
        errors = dict(import_validation_errors or {})
        looked_up = {
            f.name for f in instance._meta.concrete_fields if f.many_to_one and getattr(instance, f.attname)
        }
        try:
            instance.full_clean(
                exclude={*errors, *looked_up}, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user, instance._change_reason = self.user, self.reason  # read by simple_history

    def do_instance_save(self, instance, is_create):
        """A new record of a ``bulk_new`` resource waits for its batch (``Meta.batch_size``): one
        INSERT for many rows runs the database's statement triggers once, not once a row. Any
        other save, or a row that refers to a waiting record, first writes the waiting ones."""
        if not (is_create and self.bulk_new and not self.checked and instance.code):
            self.flush_new()
            return super().do_instance_save(instance, is_create)
        fks = [f for f in instance._meta.concrete_fields if f.many_to_one and f.is_cached(instance)]
        if any(getattr(f.get_cached_value(instance), "pk", 0) is None for f in fks):
            self.flush_new()  # this row refers to a record still waiting
        instance.search_text = instance.search_document()  # what save() does before writing
        self.waiting.append(instance)
        if len(self.waiting) >= self._meta.batch_size:
            self.flush_new()

    def flush_new(self) -> None:
        if self.waiting:
            self.create_with_history(self._meta.model, self.waiting)
        self.waiting = []

    def create_with_history(self, model, instances) -> None:
        bulk_create_with_history(instances, model, default_user=self.user, default_change_reason=self.reason)

    def save_with_history(self, instance) -> None:
        """``save()`` a record that hangs off an imported one (an attribution), with who and why."""
        instance._history_user, instance._change_reason = self.user, self.reason
        instance.save()

    def create_later(self, instance) -> None:
        """A new record that hangs off a new imported one (its attribution), written in batches."""
        self.later.setdefault(type(instance), []).append(instance)

    def after_save_instance(self, instance, row, **kwargs):
        for widget in self.own_widgets:  # later rows may refer to it
            widget.remember(instance)

    def after_import_row(self, row, row_result, **kwargs):
        if kwargs.get("dry_run") and kwargs.get("row_number", 0) <= self.PREVIEW_ROWS:
            row_result.diff = [as_text(row.get(f.column_name)) for f in self.import_fields]

    def after_import(self, dataset, result, **kwargs):
        # Not the library's sequence reset: no row gives its own id.
        self.flush_new()
        for model, instances in self.later.items():
            self.create_with_history(model, instances)

    # --- problems ---

    def problems_of(self, result, dataset) -> list[Problem]:
        """Every problem of ``result`` on its line, with its column and value where known."""
        problems = [self.problem_from(None, error.error, {}) for error in result.base_errors]
        for row in result.invalid_rows + result.error_rows:
            line, raw = (
                self.line_of(row.number),
                dict(zip(dataset.headers, dataset[row.number - 1], strict=False)),
            )
            if isinstance(row, results.InvalidRow):
                problems += [
                    self.problem(line, key, m, raw) for key, ms in row.error_dict.items() for m in ms
                ]
            else:
                problems += [self.problem_from(line, error.error, raw) for error in row.errors]
        return sorted(problems, key=lambda p: p.line or 0)

    def problem(self, line, key: str, message: str, raw: dict) -> Problem:
        """A validation error: on its column when the key names one."""
        column = self.columns_by_key.get(key, "")
        reason = str(message) if column or key == NON_FIELD_ERRORS else f"{key}: {message}"
        return Problem(line, column, printable(raw.get(column)) if column else "", reason, self.unit)

    def problem_from(self, line, exc, raw: dict) -> Problem:
        """An exception other than a validation error: the database's refusal, or a bug."""
        for name, (column, reason) in self.constraint_columns.items():
            if isinstance(exc, DatabaseError) and name in str(exc):
                return Problem(line, column, printable(raw.get(column)), str(reason), self.unit)
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if isinstance(exc, DatabaseError):
            return Problem(line, "", "", _("the database refused this row (%s)") % detail, self.unit)
        return Problem(line, "", "", f"{type(exc).__name__}: {detail}", self.unit)

    # --- export: the library's export(), the columns straight from the database ---

    def filter_export(self, queryset, **kwargs):
        """Exactly the records of ``queryset`` (all, or a filtered change list), as rows of values in
        an order that depends on the data only (a round trip gives the same file)."""
        expressions = {f"export_{column}": e for column, e in self.export_expressions().items()}
        names = [f"export_{c}" if f"export_{c}" in expressions else c for c in self.get_export_headers()]
        records = self.get_queryset()
        records = records if queryset is None else records.filter(pk__in=queryset.order_by().values("pk"))
        return records.annotate(**expressions).order_by(*self.export_ordering(), "pk").values_list(*names)

    def export_expressions(self) -> dict:
        """Column -> SQL expression for the columns that are not plain fields (references' codes)."""
        return {
            f.column_name: f.widget.export_expression(f.attribute)
            for f in self.get_export_fields()
            if isinstance(f.widget, RefWidget)
        }

    def export_ordering(self) -> list:
        """Records before those that refer to them."""
        return ["pk"]

    def export_resource(self, values, selected_fields=None, **kwargs):
        return [escape_cell(value) for value in values]

    def iter_export(self, queryset=None):
        """Escaped rows, a chunk at a time from the database: nothing holds the whole table."""
        return map(self.export_resource, self.iter_queryset(self.filter_export(queryset)))


def self_reference_depth(path: str, levels: int = 4):
    """0 for a record without ``path``, 1 when its ``path`` has none, ...: parents sort first."""
    whens = [models.When(**{"__".join([path] * (n + 1)) + "__isnull": True}, then=n) for n in range(levels)]
    return models.Case(*whens, default=levels, output_field=models.IntegerField())
