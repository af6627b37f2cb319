"""Interchange resources on django-import-export: strict widgets and the base resource.

Each app's ``resources.py`` subclasses :class:`InterchangeResource`. Every bad cell is reported,
never coerced; codes match in any letter case; a header may leave out any column but the keys; a
file with any problem imports nothing, and ``result.problems`` gives each one's line, column, value
and reason; history names the importing user and the file.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import exceptions, fields, resources, results, widgets
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
        message = _(
            "contains the control character U+%04X, which is not text; remove it (a file full of "
            "these is binary or in the wrong encoding)"
        )
        raise ValueError(message % ord(bad.group()))
    return unescape_text(text)


def code_of(value) -> str:
    """A key cell for lookups: never raises (a bad cell is reported by its widget)."""
    return "" if CONTROL_CHARACTERS.search(text := as_text(value)) else unescape_text(text).strip()


def in_batches(queryset, lookup: str, values):
    """``queryset.filter(<lookup>__in=values)`` in as few queries as the database's parameter limit allows."""
    values, size = list(values), connection.features.max_query_params or 10_000
    for start in range(0, len(values), size):
        yield from queryset.filter(**{f"{lookup}__in": values[start : start + size]})


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
        if isinstance(value, datetime.datetime) and value.time() != datetime.time(0):
            raise ValueError(_("has a time of day; give the date only (YYYY-MM-DD)"))
        if blank(value) or isinstance(value, datetime.date):
            return None if blank(value) else datetime.date(value.year, value.month, value.day)
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
        if not (match := CLOCK_TIME.fullmatch(as_text(value).strip())):  # a datetime's text does not match
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
        if not WHOLE_NUMBER.fullmatch(text := as_text(value).strip()):  # a workbook's 4.0 is "4"
            raise ValueError(_("is not a whole number"))
        if abs(number := int(text)) > INTEGER_LIMIT:
            raise ValueError(_("is too large (at most %s)") % f"{INTEGER_LIMIT:,}")
        return number


class DecimalWidget(widgets.DecimalWidget):
    """A decimal number with a dot (coordinates); the model checks digits and range."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if not DECIMAL_NUMBER.fullmatch(text := as_text(value).strip()):
            raise ValueError(_("is not a number; write decimals with a dot, for example 36.2021"))
        return Decimal(text)  # what the pattern matches, Decimal reads


class BooleanWidget(widgets.BooleanWidget):
    def clean(self, value, row=None, **kwargs):
        if (text := as_text(value).strip().lower()) in TRUE_WORDS | FALSE_WORDS or not text:
            return text in TRUE_WORDS if text else None
        raise ValueError(_("is not true or false (write true/false, yes/no or 1/0)"))


class RefWidget(widgets.ForeignKeyWidget):
    """A record by its code (or the only one with it in another letter case), from those the file
    names, fetched in a few queries (:meth:`prepare`), and those the import makes."""

    def __init__(self, model, field="code", label="", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label or model._meta.verbose_name
        self.cache, self.resource = {}, None  # code in lower case -> {code: record}

    def prepare(self, values, resource) -> None:
        self.resource, codes = resource, {code.lower() for value in values if (code := code_of(value))}
        records = self.get_queryset(None, None).annotate(folded_code=Lower(self.field))
        for obj in in_batches(records, "folded_code", codes):  # no index serves it: few queries
            self.remember(obj)

    def remember(self, obj) -> None:
        code = getattr(obj, self.field)
        self.cache.setdefault(code.lower(), {})[code] = obj

    def clean(self, value, row=None, **kwargs):
        if not (code := clean_text(value).strip()):
            return None
        obj = self.find(code)
        return obj.pk if self.key_is_id else obj

    def find(self, code: str):
        if (found := self.lookup(code)) is None:
            raise ValueError(self.missing(code))
        return found

    def lookup(self, code: str):
        found = self.cache.get(code.lower(), {})
        return found.get(code) or (next(iter(found.values())) if len(found) == 1 else None)

    def missing(self, code: str) -> str:
        """Why ``code`` names nothing; a record of this import's own file says where it is."""
        resource = self.resource
        line = resource._meta.model is self.model and resource.defined.get((code.lower(),))
        what = {"label": self.label, "where": line and place_in_file(resource.unit, line)}
        if line and line > resource.line:
            message = _(
                "no %(label)s has this code yet: it is defined further down, on %(where)s; put that row first"
            )
            return message % what
        if line and line < resource.line:
            return _("the %(label)s with this code, on %(where)s, has errors") % what
        return _("no %(label)s has this code") % what

    def export_expression(self, attribute: str):
        return F(f"{attribute}__{self.field}")


class CodeListWidget(widgets.ManyToManyWidget):
    """Codes separated by ``;`` (the members of an undetermined party), each looked up by code."""

    def __init__(self, model, label=""):
        super().__init__(model, separator=";", field="code")
        self.ref = RefWidget(model, label=label)

    def prepare(self, values, resource) -> None:
        self.ref.prepare([code for value in values for code in as_text(value).split(";")], resource)

    def clean(self, value, row=None, **kwargs):
        found, problems = [], []
        for code in dict.fromkeys(c.strip() for c in clean_text(value).split(";") if c.strip()):
            try:
                found.append(self.ref.find(code))
            except ValueError as exc:
                problems.append(f"{code}: {exc}")
        if problems:
            raise ValueError("; ".join(problems))
        return found


class ImportResult(results.Result):
    """The library's result, with every problem on its line (``problems``) and the counts."""

    dry_run = False
    ok = property(lambda self: not self.problems)
    new = property(lambda self: self.totals["new"])
    updated = property(lambda self: self.totals["update"])
    unchanged = property(lambda self: self.totals["skip"])

    def __init__(self, problems=()):
        super().__init__()
        self.problems = list(problems)

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


class InterchangeResource(resources.ModelResource):
    """Base of every interchange resource; see the module docstring."""

    #: Constraint name -> (column, friendlier reason), for the database's refusals.
    constraint_columns: dict[str, tuple[str, str]] = {}
    #: New records in batches (models whose save() only adds ``search_document()`` and a code).
    bulk_new = False
    #: The export's order (fields or expressions): records before those that refer to them.
    export_ordering = ()
    #: Rows the admin's preview shows.
    PREVIEW_ROWS = 100
    #: The library's map of model fields to widgets, strict (subclasses match too; text otherwise).
    WIDGETS_MAP = {
        "BooleanField": BooleanWidget,
        "DateField": DateWidget,
        "TimeField": TimeWidget,
        "DecimalField": DecimalWidget,
        "IntegerField": IntegerWidget,
    }

    class Meta:
        import_id_fields = ("code",)
        skip_diff = True  # unchanged rows are found by skip_row() below, without a deep copy a row
        chunk_size = batch_size = 500

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user, self.reason, self.unit, self.lines, self.line = None, "", "line", [], 0
        self.defined, self.stored, self.before, self.checked = {}, {}, None, False
        self.waiting, self.unsaved, self.problems = [], [], []
        #: New records that wait for one INSERT a model: this resource's, then those that hang off them.
        self.later = {self._meta.model: self.waiting}
        self.references = [f for f in self._meta.model._meta.concrete_fields if f.many_to_one]
        self.import_fields = super().get_import_fields()  # the library works the order out each call
        self.keys = [self.fields[name] for name in self.get_import_id_fields()]
        self.columns = {k: f.column_name for f in self.import_fields for k in (f.column_name, f.attribute)}
        own = [getattr(field.widget, "ref", field.widget) for field in self.import_fields]
        #: Widgets that refer to this resource's own records (a parent, an earlier strike).
        self.own_widgets = [w for w in own if getattr(w, "model", None) is self._meta.model]

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        # A blank cell in a column with a default (status, counts, flags) keeps the current value.
        keep = django_field.has_default() and not django_field.null
        options = cls.widget_kwargs_for_field(field_name, django_field)  # Meta.widgets
        if django_field.choices:
            widget = ChoiceWidget(django_field.choices, keep)
        elif django_field.many_to_one:
            widget = RefWidget(django_field.related_model, **options)
        elif django_field.many_to_many:
            widget = CodeListWidget(django_field.related_model, **options)
        elif (kind := cls.widget_from_django_field(django_field, TextWidget)) is TextWidget:
            widget = TextWidget(strip=field_name in cls._meta.import_id_fields)
        else:
            widget = kind()
        return fields.Field(field_name, field_name, widget, readonly=readonly, saves_null_values=not keep)

    def get_result_class(self):
        return ImportResult

    def get_queryset(self):
        """Existing records with what their references point to (for the comparison and clean())."""
        related = {f.name for f in self.references} & {f.attribute for f in self.import_fields}
        return self._meta.model._default_manager.select_related(*related)

    def get_import_fields(self):
        return self.import_fields

    def line_of(self, number: int) -> int:
        """Spreadsheet line of the ``number``-th data row (header = line 1)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else number + 1

    def key_of(self, row) -> tuple:
        """The row's key cells as the file gives them, in lower case (blank when one is missing)."""
        return tuple(code_of(row.get(field.column_name)).lower() for field in self.keys)

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """One transaction: every row, or none. A file is first imported without the library's
        savepoint per row (two round trips a row), stopping at its first problem; only then again
        with them, so that every problem is found and reported on its line (dry runs always are)."""
        self.user, name = kwargs.get("user"), printable(kwargs.get("file_name") or "", 150).strip('"')
        self.reason = _("Imported from %s") % (name or _("a file"))
        self.lines, self.unit = getattr(dataset, "source_lines", []), getattr(dataset, "source_unit", "line")
        known, headers = [f.column_name for f in self.import_fields], list(dataset.headers or [])
        unknown = _("this file format has no such column; the columns are: %s") % ",".join(known)
        missing = _("this column is missing from the header")
        problems = [Problem(1, f.column_name, "", missing) for f in self.keys if f.column_name not in headers]
        if problems := problems + [Problem(1, h, "", unknown) for h in headers if h not in known]:
            return ImportResult(problems)
        self.checked = dry_run or kwargs.pop("checked", False)
        if not self.checked:
            try:
                with transaction.atomic():
                    return super().import_data(dataset, raise_errors=True, use_transactions=False, **kwargs)
            except exceptions.ImportError:
                return type(self)().import_data(dataset, raise_errors=raise_errors, checked=True, **kwargs)
        kwargs.update(use_transactions=True, rollback_on_validation_errors=True)
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
        result.problems = [self.problem_from(None, e.error, {}) for e in result.base_errors] + self.problems
        result.dry_run = dry_run
        return result

    def before_import(self, dataset, **kwargs):
        """References and stored records fetched for the whole file; the line of each key."""
        for field in self.import_fields:
            if field.column_name in dataset.headers and hasattr(field.widget, "prepare"):
                field.widget.prepare(dataset[field.column_name], self)
        for number, row in enumerate(dataset.dict, 1):
            if all(key := self.key_of(row)):
                self.defined.setdefault(key, self.line_of(number))
        codes = self.export_expressions()  # a reference's code, as the file gives it
        folded = {f"key_{n}": Lower(codes.get(k.column_name, k.attribute)) for n, k in enumerate(self.keys)}
        records = self.get_queryset().annotate(**folded)
        for obj in in_batches(records, "key_0", {key[0] for key in self.defined}):  # no index: few queries
            self.stored[tuple(getattr(obj, name) for name in folded)] = obj

    def get_instance(self, instance_loader, row):
        """The stored record with the row's keys in any letter case (the library's loaders take one)."""
        return self.stored.get(self.key_of(row))

    def before_import_row(self, row, **kwargs):
        """Which line this is; a key already on an earlier line (in any letter case) is refused."""
        self.line = self.line_of(kwargs.get("row_number", 0))
        if all(key := self.key_of(row)) and self.defined[key] != self.line:
            names = [field.column_name for field in self.keys]
            message = _("the same %(what)s is already on %(where)s of this file")
            what = {
                "what": get_text_list(names, _("and")),
                "where": place_in_file(self.unit, self.defined[key]),
            }
            raise ValidationError({names[0]: message % what})

    def import_row(self, row, instance_loader, **kwargs):
        """The library's; the row's problems are noted on its line."""
        result = super().import_row(row, instance_loader, **kwargs)
        if error := result.validation_error:
            messages = error.message_dict.items()
            self.problems += [self.problem(self.line, key, m, row) for key, ms in messages for m in ms]
        self.problems += [self.problem_from(self.line, error.error, row) for error in result.errors]
        if result.import_type == "new" and result.object_id is None:  # waiting for its batch
            self.unsaved.append((result, self.waiting[-1]))
        return result

    def after_init_instance(self, instance, new, row, **kwargs):
        self.before = None if new else self.snapshot(instance)

    def snapshot(self, instance, row=None) -> dict:
        """The import fields' values; many-to-many ones as sorted keys (from ``row`` when given)."""
        values = {}
        for field in self.import_fields:
            values[field.attribute] = value = field.get_value(instance)
            if isinstance(field.widget, widgets.ManyToManyWidget):
                given = row is not None and field.column_name in row
                values[field.attribute] = sorted(o.pk for o in (field.clean(row) if given else value.all()))
        return values

    def changed(self, instance, row) -> bool:
        """Whether the row changes a stored record (a new record is not a change)."""
        return self.before is not None and self.before != self.snapshot(instance, row)

    def import_instance(self, instance, row, **kwargs):
        """Every cell's problem (many-to-many ones checked now, not after saving); then :meth:`check_row`."""
        errors = {}
        for field in self.import_fields:
            try:
                if not isinstance(field.widget, widgets.ManyToManyWidget):
                    self.import_field(field, instance, row)
                elif field.column_name in row:
                    field.clean(row)
            except ValueError as exc:
                self.refuse(errors, field.attribute, str(exc))
        self.check_row(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, errors: dict) -> None:
        """Checks across columns, before ``full_clean()``; add to ``errors`` with :meth:`refuse`."""
        key = self.keys[0]  # a code, whose letter case must be the stored record's
        if self.before and isinstance(key.widget, TextWidget):
            if (code := self.before[key.attribute]) != getattr(instance, key.attribute):
                message = _("differs only in letter case from the existing %(column)s %(code)s")
                self.refuse(errors, key.attribute, message % {"column": key.attribute, "code": code})

    @staticmethod
    def refuse(errors: dict, key: str, message: str) -> None:
        errors.setdefault(key, []).append(ValidationError(message))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and self.before is not None and not self.changed(instance, row)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``full_clean()``, leaving to the database what it checks anyway: constraints, unique
        values, and whether a reference (just looked up, or stored) exists."""
        errors = dict(import_validation_errors or {})
        refs = {f.name for f in self.references if getattr(instance, f.attname)}
        try:
            instance.full_clean(exclude={*errors, *refs}, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def with_history(self, instance):
        """``instance``, its history to name the importer and the file (read by simple_history)."""
        instance._history_user, instance._change_reason = self.user, self.reason
        return instance

    def before_save_instance(self, instance, row, **kwargs):
        self.with_history(instance)

    def do_instance_save(self, instance, is_create):
        """A new record of a ``bulk_new`` resource waits for its batch (``Meta.batch_size``): one
        INSERT for many rows runs the database's statement triggers once, not once a row. Any
        other save, or a row that refers to a waiting record, first writes the waiting ones."""
        if not (is_create and self.bulk_new and not self.checked and instance.code):
            self.flush_new()
            return super().do_instance_save(instance, is_create)
        if any(getattr(f.get_cached_value(instance, None), "pk", 0) is None for f in self.references):
            self.flush_new()  # this row refers to a record still waiting
        instance.search_text = instance.search_document()  # what save() does before writing
        self.waiting.append(instance)
        if len(self.waiting) >= self._meta.batch_size:
            self.flush_new()

    def flush_new(self) -> None:
        for model, instances in self.later.items():
            if instances:
                bulk_create_with_history(
                    instances, model, default_user=self.user, default_change_reason=self.reason
                )
                instances.clear()

    def after_save_instance(self, instance, row, **kwargs):
        for widget in self.own_widgets:  # later rows may refer to it
            widget.remember(instance)

    def after_import_row(self, row, row_result, **kwargs):
        if kwargs.get("dry_run") and kwargs.get("row_number", 0) <= self.PREVIEW_ROWS:
            row_result.diff = [as_text(row.get(f.column_name)) for f in self.import_fields]

    def after_import(self, dataset, result, **kwargs):
        # Not the library's sequence reset: no row gives its own id.
        self.flush_new()
        for row_result, instance in self.unsaved:
            row_result.object_id = instance.pk

    def problem(self, line, key: str, message, row: dict) -> Problem:
        """A problem on its column when ``key`` names one (a column, or a field's name)."""
        column = self.columns.get(key, "")
        reason = str(message) if column or key in (NON_FIELD_ERRORS, "") else f"{key}: {message}"
        return Problem(line, column, printable(row.get(column)), reason, self.unit)

    def problem_from(self, line, exc, row: dict) -> Problem:
        """An exception other than a validation error: the database's refusal, or a bug."""
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if not isinstance(exc, DatabaseError):
            return self.problem(line, "", f"{type(exc).__name__}: {detail}", row)
        for name, (column, reason) in self.constraint_columns.items():
            if name in str(exc):
                return self.problem(line, column, reason, row)
        return self.problem(line, "", _("the database refused this row (%s)") % detail, row)

    def export_expressions(self) -> dict:
        """Column -> SQL expression for the columns that are not plain fields (references' codes)."""
        return {
            f.column_name: f.widget.export_expression(f.attribute)
            for f in self.get_export_fields()
            if isinstance(f.widget, RefWidget)
        }

    def export_values(self, queryset=None):
        """The records of ``queryset`` (default: all) as rows of the export's values, in an order
        that depends on the data only (a round trip gives the same file)."""
        expressions = {f"export_{column}": e for column, e in self.export_expressions().items()}
        names = [f"export_{c}" if f"export_{c}" in expressions else c for c in self.get_export_headers()]
        records = self.get_queryset()
        if queryset is not None:
            records = records.filter(pk__in=queryset.order_by().values("pk"))
        return records.annotate(**expressions).order_by(*self.export_ordering, "pk").values_list(*names)

    def iter_export(self, queryset=None):
        """Escaped rows, a chunk at a time: nothing holds the whole table."""
        for values in self.iter_queryset(self.export_values(queryset)):
            yield [escape_cell(value) for value in values]


def self_reference_depth(path: str, levels: int = 4):
    """0 for a record without ``path``, 1 when its ``path`` has none, ...: parents sort first."""
    whens = [models.When(**{"__".join([path] * (n + 1)) + "__isnull": True}, then=n) for n in range(levels)]
    return models.Case(*whens, default=levels, output_field=models.IntegerField())
