"""The spreadsheet resources' building blocks, on django-import-export: strict cells, the base resource.

Each app's ``resources.py`` subclasses :class:`InterchangeResource`; its model
fields get the strict widgets below (every bad cell is reported, nothing is
silently coerced), references are looked up by code once per import, and the
rest is the library's: ``import_id_fields`` with a cached instance loader, one
transaction with a savepoint per row, ``full_clean()`` of every instance,
``skip_unchanged``. What the interchange contract adds:

* the header may leave out any column but the keys, and may not name others;
* a file with any problem imports nothing, and ``result.problems`` gives each
  problem's spreadsheet line, column, value and reason;
* constraints are not checked twice: ``full_clean(validate_constraints=False)``,
  and a row the database refuses is reported on its line (its savepoint is
  rolled back, the other rows are still checked);
* history names the importing user and the file, written in batches.
"""

import datetime
import math
import re
from decimal import Decimal, InvalidOperation

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import exceptions, fields, instance_loaders, resources, widgets
from import_export.results import Error

from core.interchange import (
    InterchangeFileError,
    Problem,
    decimal_text,
    escape_cell,
    printable,
    unescape_text,
)

# Tab, line feed and carriage return are text; other control characters are junk or mojibake.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
WHOLE_NUMBER = re.compile(r"[+-]?\d{1,15}")
DECIMAL_NUMBER = re.compile(r"[+-]?(?:\d{1,15}(?:\.\d*)?|\.\d+)")
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "y", "1", "t"}, {"false", "no", "n", "0", "f"}
INTEGER_LIMIT = 2_147_483_647  # what every database's integer column holds


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_text(value) -> str:
    """A cell as text, whatever type the file gave it (XLSX numbers, dates, booleans)."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return decimal_text(Decimal(repr(value))) if value == value else "nan"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, Decimal):
        return decimal_text(value)
    return value.isoformat() if isinstance(value, datetime.date | datetime.time) else str(value)


def clean_text(value) -> str:
    """Text exactly as typed (after undoing the export's formula escape), without control characters."""
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


def chunked(items, size: int):
    items = list(items)
    return (items[i : i + size] for i in range(0, len(items), size))


def max_params() -> int:
    """How many values one ``IN (...)`` may hold (SQLite: 999)."""
    return connection.features.max_query_params or 10_000


def time_text(value) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


# --- widgets: the library's, made strict -----------------------------------------------------------


class TextWidget(widgets.CharWidget):
    """Free text, stored as typed: HTML, scripts, Arabic and bidi marks included."""

    def clean(self, value, row=None, **kwargs):
        return clean_text(value)


class CodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_text(value).strip()


class ChoiceWidget(widgets.CharWidget):
    """A vocabulary code (any letter case). Blank is ``""``, or ``None`` (keep the value) when
    the field has a default."""

    def __init__(self, choices, keep_when_blank=False):
        super().__init__()
        self.codes = {str(code).lower(): str(code) for code, _label in choices}
        self.blank_value = None if keep_when_blank else ""

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value).strip()
        if not text:
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
        except ValueError as exc:
            raise ValueError(_("is not a real date (%s)") % exc) from None


class TimeWidget(widgets.TimeWidget):
    """A clock time HH:MM or HH:MM:SS (24 hours)."""

    def clean(self, value, row=None, **kwargs):
        if blank(value) or isinstance(value, datetime.time):
            return value if isinstance(value, datetime.time) else None
        if isinstance(value, datetime.datetime) or not (
            match := CLOCK_TIME.fullmatch(as_text(value).strip())
        ):
            raise ValueError(_("is not a time of day in the form HH:MM (for example 14:05)"))
        try:
            return datetime.time(*(int(part or 0) for part in match.groups()))
        except ValueError as exc:
            raise ValueError(_("is not a real time of day (%s)") % exc) from None


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
        number = int(value)
        if abs(number) > INTEGER_LIMIT:
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
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(_("is not a number")) from None


class BooleanWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        text = as_text(value).strip().lower()
        if text in TRUE_WORDS | FALSE_WORDS or not text:
            return None if not text else text in TRUE_WORDS
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
        for batch in chunked(codes, max_params()):
            for obj in self.get_queryset(None, None).filter(**{f"{self.field}__in": batch}):
                self.remember(obj)

    def remember(self, obj) -> None:
        self.cache[getattr(obj, self.field)] = obj

    def clean(self, value, row=None, **kwargs):
        code = clean_text(value).strip()
        if not code:
            return None
        obj = self.find(code)
        return obj.pk if self.key_is_id else obj

    def find(self, code: str):
        if code not in self.cache:
            found = self.lookup(code)
            if found is None:
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
        line, what = self.defined_on.get(code), {"label": self.label, "unit": self.unit}
        if line and line > self.line:
            return _(
                "no %(label)s has this code yet: it is defined further down, on %(unit)s %(line)s; "
                "put that row first"
            ) % {**what, "line": line}
        if line and line < self.line:
            return _("the %(label)s with this code, on %(unit)s %(line)s, has errors") % {
                **what,
                "line": line,
            }
        return _("no %(label)s has this code") % what

    def export_expression(self, attribute: str):
        return F(f"{attribute}__{self.field}")


class CodeListWidget(widgets.ManyToManyWidget):
    """Codes separated by ``;`` (the members of an undetermined party), each looked up by code."""

    def __init__(self, model, label=""):
        super().__init__(model, separator=";", field="code")
        self.ref = RefWidget(model, label=label)

    def codes(self, value) -> list[str]:
        return list(dict.fromkeys(c.strip() for c in clean_text(value).split(self.separator) if c.strip()))

    def prepare(self, values) -> None:
        self.ref.prepare(code.strip() for value in values for code in as_text(value).split(self.separator))

    def clean(self, value, row=None, **kwargs):
        found, problems = [], []
        for code in self.codes(value):
            try:
                found.append(self.ref.find(code))
            except ValueError as exc:
                problems.append(f"{code}: {exc}")
        if problems:
            raise ValueError("; ".join(problems))
        return found


def strict_widget(django_field, keep_when_blank: bool, is_key: bool, **options):
    """The strict widget for a model field (``Meta.widgets`` gives options, e.g. a reference's label)."""
    if django_field.choices:
        return ChoiceWidget(django_field.choices, keep_when_blank)
    if django_field.many_to_one:
        return RefWidget(django_field.related_model, **options)
    if django_field.many_to_many:
        return CodeListWidget(django_field.related_model, **options)
    kinds = [
        (models.BooleanField, BooleanWidget),
        (models.DateField, DateWidget),
        (models.TimeField, TimeWidget),
        (models.DecimalField, DecimalWidget),
        (models.IntegerField, IntegerWidget),
    ]
    widget = next(
        (w for kind, w in kinds if isinstance(django_field, kind)), CodeWidget if is_key else TextWidget
    )
    return widget()


class CachedLoader(instance_loaders.ModelInstanceLoader):
    """The file's existing records in a few queries, by every import id field (the library's
    ``CachedInstanceLoader`` takes one); a key cell that does not parse matches nothing."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.keys = [resource.fields[name] for name in resource.get_import_id_fields()]
        wanted = {
            key
            for values in dataset
            if (key := self.key_of(dict(zip(dataset.headers, values, strict=False))))
        }
        self.found = {}
        for batch in chunked({key[0] for key in wanted}, max_params()):
            for instance in self.get_queryset().filter(**{f"{self.keys[0].attribute}__in": batch}):
                self.found[tuple(f.get_value(instance) for f in self.keys)] = instance

    def key_of(self, row):
        try:
            key = tuple(field.clean(row) for field in self.keys)
        except (ValueError, KeyError):
            return None
        return key if all(value not in (None, "") for value in key) else None

    def get_instance(self, row):
        key = self.key_of(row)
        return self.found.get(key) if key else None


# --- the base resource ------------------------------------------------------------------------------


class InterchangeResource(resources.ModelResource):
    """Base of every interchange resource; see the module docstring."""

    #: Constraint name -> (column, friendlier reason), for the database's refusals.
    constraint_columns: dict[str, tuple[str, str]] = {}
    #: The key column whose letter case must not differ from a stored record's ("" for none).
    casefold_column = "code"
    #: History rows in batches (simple_history's bulk_history_create); off where history also
    #: snapshots many-to-many fields.
    bulk_history = True
    #: New records in batches (models whose save() only adds ``search_document()`` and a code).
    bulk_new = False
    HISTORY_BATCH = 1000
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
        self.user, self.file_name, self.lines, self.unit = None, "", [], "line"
        self.seen, self.folded, self.history, self.later, self.waiting = {}, {}, {}, {}, []
        self.checked = False
        self.line, self.before, self.status_before = 0, None, None
        self.columns_by_key = {}
        for field in self.get_import_fields():
            for key in (field.attribute, field.column_name, field.attribute.removesuffix("_id")):
                self.columns_by_key.setdefault(key, field.column_name)

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        # A blank cell in a column with a default (status, counts, flags) keeps the current value.
        keep = django_field.has_default() and not django_field.null
        options = (cls._meta.widgets or {}).get(field_name, {})
        widget = strict_widget(django_field, keep, field_name in cls._meta.import_id_fields, **options)
        return fields.Field(field_name, field_name, widget, readonly=readonly, saves_null_values=not keep)

    @classmethod
    def get_display_name(cls) -> str:
        return cls._meta.model._meta.verbose_name_plural.capitalize()

    @property
    def columns(self) -> list[str]:
        return self.get_export_headers()

    def get_queryset(self):
        """Existing records with what their references point to (for the comparison and clean())."""
        related = {f.name for f in self._meta.model._meta.concrete_fields if f.many_to_one}
        return self._meta.model._default_manager.select_related(
            *(f.attribute for f in self.get_import_fields() if f.attribute in related)
        )

    def get_import_fields(self):
        # Asked several times a row; the library works the order out each time.
        if not hasattr(self, "import_fields"):
            self.import_fields = super().get_import_fields()
        return self.import_fields

    def own_widgets(self):
        """Widgets that refer to this resource's own records (a parent, an earlier strike)."""
        if not hasattr(self, "own"):
            widgets_ = [getattr(field.widget, "ref", field.widget) for field in self.get_import_fields()]
            self.own = [w for w in widgets_ if getattr(w, "model", None) is self._meta.model]
        return self.own

    def line_of(self, number: int) -> int:
        """Spreadsheet line of the ``number``-th data row (header = line 1)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else number + 1

    # --- import ---

    def check_headers(self, headers: list[str]) -> list[Problem]:
        known = [f.column_name for f in self.get_import_fields()]
        keys = [self.fields[name].column_name for name in self.get_import_id_fields()]
        problems = [
            Problem(1, c, "", _("this column is missing from the header")) for c in keys if c not in headers
        ]
        reason = _("this file format has no such column; the columns are: %s") % ",".join(known)
        return problems + [Problem(1, h, "", reason) for h in headers if h not in known]

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """One transaction: every row, or none.

        A file is first imported without the library's savepoint per row (two round trips a row)
        and stopped at its first problem (``raise_errors``); only then is it imported again with
        them, so that every problem is found and reported on its line. Dry runs always take them.
        """
        self.user, self.file_name = kwargs.get("user"), kwargs.get("file_name") or ""
        self.lines = list(getattr(dataset, "source_lines", None) or [])
        self.unit = getattr(dataset, "source_unit", "line")
        if problems := self.check_headers(list(dataset.headers or [])):
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.append_base_error(Error(InterchangeFileError(_("The header does not match."), problems)))
            result.problems = problems
            return result
        self.checked = dry_run or kwargs.pop("checked", False)
        if not self.checked:
            try:
                with transaction.atomic():
                    result = super().import_data(dataset, raise_errors=True, use_transactions=False, **kwargs)
                result.problems = []
                return result
            except exceptions.ImportError:
                checked = type(self)()
                return checked.import_data(dataset, raise_errors=raise_errors, checked=True, **kwargs)
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
        result.problems = self.problems_of(result, dataset)
        return result

    def before_import(self, dataset, **kwargs):
        for field in self.get_import_fields():
            if field.column_name in dataset.headers and hasattr(field.widget, "prepare"):
                field.widget.prepare(dataset[field.column_name])
        key_column = self.fields[self.get_import_id_fields()[0]].column_name
        defined = {}
        for number, value in enumerate(dataset[key_column], 1):
            defined.setdefault(code_of(value), self.line_of(number))
        for widget in self.own_widgets():
            widget.defined_on, widget.unit = defined, self.unit
        if column := self.casefold_column:
            # No index serves LOWER(code): as few queries as the database's parameter limit allows.
            stored = self._meta.model._default_manager.annotate(folded=Lower(column))
            for batch in chunked({code.lower() for code in defined if code}, max_params()):
                for code in stored.filter(folded__in=batch).values_list(column, flat=True):
                    self.folded.setdefault(code.lower(), code)

    def before_import_row(self, row, **kwargs):
        self.line = self.line_of(kwargs.get("row_number", 0))
        for widget in self.own_widgets():
            widget.line = self.line
        names = [self.fields[name].column_name for name in self.get_import_id_fields()]
        key = tuple(code_of(row.get(name)) for name in names)
        if not all(key):
            return
        if key in self.seen:
            message = _("the same %(what)s is already on %(unit)s %(line)s of this file")
            what = {"what": " and ".join(names), "unit": self.unit, "line": self.seen[key]}
            raise ValidationError({names[0]: message % what})
        self.seen[key] = self.line

    def after_init_instance(self, instance, new, row, **kwargs):
        self.status_before = getattr(instance, "status", None)
        self.before = None if new else self.snapshot(instance)

    def snapshot(self, instance, row=None) -> list:
        """The import fields' values; many-to-many ones as sorted keys (from ``row`` when given)."""
        values = []
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                values.append(field.get_value(instance))
            elif row is not None and field.column_name in row:
                values.append(sorted(obj.pk for obj in field.clean(row)))
            else:
                values.append(sorted(field.get_value(instance).values_list("pk", flat=True)))
        return values

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = [ValidationError(str(exc))]
        self.check_row(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, errors: dict) -> None:
        """Checks across columns, before ``full_clean()``; add to ``errors`` with :meth:`refuse`."""
        column = self.casefold_column
        code = getattr(instance, column, "") if column and instance.pk is None else ""
        if code and self.folded.get(code.lower(), code) != code:
            message = _("differs only in letter case from the existing %(column)s %(code)s")
            self.refuse(errors, column, message % {"column": column, "code": self.folded[code.lower()]})

    @staticmethod
    def refuse(errors: dict, key: str, message: str) -> None:
        errors.setdefault(key, []).append(ValidationError(message))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self.before is None:
            return False
        return self.before == self.snapshot(instance, row)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean()``, leaving to the database what it checks anyway: constraints and unique
        values, and whether a reference (just looked up, or stored) exists."""
        errors = dict(import_validation_errors or {})
        looked_up = {
            f.name
            for f in instance._meta.concrete_fields
            if f.many_to_one and getattr(instance, f.attname) is not None
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
        self.prepare_history(instance)

    def save_instance(self, instance, is_create, row, **kwargs):
        """A new record of a ``bulk_new`` resource waits for its batch (``Meta.batch_size``): one
        INSERT for many rows runs the database's statement triggers once, not once a row. Any
        other save first writes the waiting ones, so that the database sees the rows in order."""
        waiting_for = [f for f in instance._meta.concrete_fields if f.many_to_one and f.is_cached(instance)]
        if any(getattr(f.get_cached_value(instance), "pk", 0) is None for f in waiting_for):
            self.flush_new()  # this row refers to a record still waiting
        if not (is_create and self.bulk_new and not self.checked and getattr(instance, "code", "")):
            self.flush_new()
            return super().save_instance(instance, is_create, row, **kwargs)
        self.before_save_instance(instance, row, **kwargs)
        instance.search_text = instance.search_document()  # what save() does before writing
        self.waiting.append((instance, row))
        self.findable(instance)
        if len(self.waiting) >= self._meta.batch_size:
            self.flush_new()

    def flush_new(self) -> None:
        waiting, self.waiting = self.waiting, []
        if waiting:
            self._meta.model._default_manager.bulk_create([instance for instance, _row in waiting])
        for instance, row in waiting:
            self.after_save_instance(instance, row, created=True)

    def after_save_instance(self, instance, row, created=None, **kwargs):
        self.queue_history(instance, created=self.before is None if created is None else created)
        self.findable(instance)

    def findable(self, instance) -> None:
        """Later rows may refer to ``instance``, and may not give its code in another letter case."""
        for widget in self.own_widgets():
            widget.remember(instance)
        if column := self.casefold_column:
            self.folded.setdefault(getattr(instance, column).lower(), getattr(instance, column))

    def after_import_row(self, row, row_result, **kwargs):
        if kwargs.get("dry_run") and kwargs.get("row_number", 0) <= self.PREVIEW_ROWS:
            row_result.diff = [as_text(row.get(f.column_name)) for f in self.get_import_fields()]

    def after_import(self, dataset, result, **kwargs):
        # Not the library's sequence reset: no row gives its own id.
        self.flush_new()
        self.flush_later()
        self.flush_history()

    # --- history: who imported what, from which file ---

    def prepare_history(self, instance) -> None:
        name = printable(self.file_name, 150).strip('"') or _("a file")
        instance._history_user, instance._change_reason = self.user, _("Imported from %s") % name
        if self.bulk_history and hasattr(instance._meta, "simple_history_manager_attribute"):
            instance.skip_history_when_saving = True

    def queue_history(self, instance, created: bool) -> None:
        if hasattr(instance, "skip_history_when_saving"):
            del instance.skip_history_when_saving
            batch = self.history.setdefault((type(instance), created), [])
            batch.append(instance)
            if len(batch) >= self.HISTORY_BATCH:
                self.flush_history()

    def save_with_history(self, instance) -> None:
        """Save a record that hangs off an imported one (an attribution), with its history."""
        created = instance.pk is None
        self.prepare_history(instance)
        instance.save()
        self.queue_history(instance, created)

    def create_later(self, instance) -> None:
        """A new record that hangs off a new imported one (its attribution), written in batches."""
        self.prepare_history(instance)
        batch = self.later.setdefault(type(instance), [])
        batch.append(instance)
        if len(batch) >= self.HISTORY_BATCH:
            self.flush_later()

    def flush_later(self) -> None:
        for model, instances in self.later.items():
            model._default_manager.bulk_create(instances)
            for instance in instances:
                self.queue_history(instance, created=True)
            instances.clear()

    def flush_history(self) -> None:
        now = timezone.now()
        for (model, created), instances in self.history.items():
            if instances:
                manager = getattr(model, model._meta.simple_history_manager_attribute)
                manager.bulk_history_create(
                    instances, update=not created, default_user=self.user, default_date=now
                )
                instances.clear()

    # --- problems ---

    def problems_of(self, result, dataset) -> list[Problem]:
        problems = [p for error in result.base_errors for p in self.problems_from(None, error.error, {})]
        for invalid in result.invalid_rows:
            raw = dict(zip(dataset.headers, dataset[invalid.number - 1], strict=False))
            for key, messages in invalid.error_dict.items():
                problems += [self.problem(self.line_of(invalid.number), key, m, raw) for m in messages]
        for error_row in result.error_rows:
            raw = dict(zip(dataset.headers, dataset[error_row.number - 1], strict=False))
            for error in error_row.errors:
                problems += self.problems_from(self.line_of(error_row.number), error.error, raw)
        return sorted(problems, key=lambda p: p.line or 0)

    def problem(self, line, key: str, message: str, raw: dict) -> Problem:
        column, reason = self.columns_by_key.get(key, ""), str(message)
        for name, (constraint_column, friendly) in self.constraint_columns.items():
            if name in reason:
                column, reason = constraint_column, str(friendly)
                break
        else:
            if not column and key != NON_FIELD_ERRORS:
                reason = f"{key}: {reason}"
        return Problem(line, column, printable(raw.get(column)) if column else "", reason, self.unit)

    def problems_from(self, line, exc, raw: dict) -> list[Problem]:
        if isinstance(exc, InterchangeFileError):
            return list(exc.problems)
        if isinstance(exc, ValidationError):
            return [Problem(line, "", "", message, self.unit) for message in exc.messages]
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if isinstance(exc, DatabaseError):
            if any(name in str(exc) for name in self.constraint_columns):
                return [self.problem(line, NON_FIELD_ERRORS, str(exc), raw)]
            return [Problem(line, "", "", _("the database refused this row (%s)") % detail, self.unit)]
        return [Problem(line, "", "", f"{type(exc).__name__}: {detail}", self.unit)]

    # --- export: the columns straight from the database, streamed ---

    def base_queryset(self, queryset=None):
        """Everything, or exactly the records of ``queryset`` (a filtered admin change list)."""
        manager = self._meta.model._default_manager
        return manager.all() if queryset is None else manager.filter(pk__in=queryset.order_by().values("pk"))

    def export_queryset(self, queryset):
        return queryset

    def export_expressions(self) -> dict:
        """Column -> SQL expression for the columns that are not plain fields (references' codes)."""
        return {
            f.column_name: f.widget.export_expression(f.attribute)
            for f in self.get_export_fields()
            if isinstance(f.widget, RefWidget)
        }

    def export_ordering(self) -> list:
        """An order that depends on the data only (a round trip gives the same file), records
        before those that refer to them."""
        return ["pk"]

    def export_values(self, queryset):
        expressions = {f"export_{column}": e for column, e in self.export_expressions().items()}
        names = [f"export_{c}" if f"export_{c}" in expressions else c for c in self.get_export_headers()]
        queryset = self.export_queryset(queryset).annotate(**expressions)
        return queryset.order_by(*self.export_ordering(), "pk").values_list(*names)

    def iter_export(self, queryset=None):
        """Escaped rows, a chunk at a time from the database: nothing holds the whole table."""
        for values in self.export_values(self.base_queryset(queryset)).iterator(self.get_chunk_size()):
            yield [escape_cell(time_text(v) if isinstance(v, datetime.time) else v) for v in values]

    def export(self, queryset=None, **kwargs):
        return tablib.Dataset(*self.iter_export(queryset), headers=self.get_export_headers())


def self_reference_depth(path: str, levels: int = 4):
    """0 for a record without ``path``, 1 when its ``path`` has none, ...: parents sort first."""
    whens = [models.When(**{"__".join([path] * (n + 1)) + "__isnull": True}, then=n) for n in range(levels)]
    return models.Case(*whens, default=levels, output_field=models.IntegerField())
