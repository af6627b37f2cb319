"""Building blocks of the spreadsheet resources: strict cells, references by code, the base resource.

Each app's ``resources.py`` declares its columns with :class:`Column` and the
widgets below. :class:`InterchangeResource` adds to django-import-export's
``ModelResource`` what the interchange contract needs:

* the header must hold exactly the resource's columns (order free);
* every row goes through the widgets (vocabulary codes, ISO dates, numbers,
  references by code) and then the model's ``full_clean()``; a file with any
  bad row is rolled back as a whole (one transaction), and ``result.problems``
  lists every problem with its spreadsheet line, column, value and reason;
* rows are matched on their code; unchanged rows are skipped, so importing
  the same file twice writes nothing, not even history;
* history records the importing user and the file name;
* new records of the resources with ``bulk_insert`` are written in batches
  (``bulk_create``), exactly as ``save()`` row by row would store them; should
  the database refuse one, the import is redone row by row to name the line;
* exports stream rows straight from ``values_list()`` and escape every cell.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from import_export import fields, resources, widgets
from import_export.results import Error

from core.interchange import (
    InterchangeFileError,
    Problem,
    cell_text,
    decimal_text,
    escape_cell,
    printable,
    unescape_text,
)

CHUNK = 500
EXPORT_CHUNK = 500
LOOKUP_CHUNK = 10_000
# Tab, line feed and carriage return are text; other control characters are junk or mojibake.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
CLOCK_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
WHOLE_NUMBER = re.compile(r"[+-]?\d{1,15}")
DECIMAL_NUMBER = re.compile(r"[+-]?(?:\d{1,15}(?:\.\d*)?|\.\d+)")
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})
MEMBER_SEPARATOR = ";"


# Statuses past review: only users holding the publish permission may write them.
REVIEWED_STATUSES = frozenset({"verified", "published"})


def lookup_chunk(model) -> int:
    """How many values one ``IN (...)`` query on ``model``'s database may hold (SQLite: 999)."""
    from django.db import connections, router

    return connections[router.db_for_read(model)].features.max_query_params or LOOKUP_CHUNK


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def chunked(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def as_text(value: Any) -> str:
    """A cell as text, whatever type the file gave it (XLSX numbers, dates, booleans)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return decimal_text(Decimal(repr(value))) if value == value else "nan"
    if isinstance(value, datetime.datetime) and not value.time():
        return value.date().isoformat()
    return cell_text(value)


def checked_text(value: Any) -> str:
    """Text exactly as typed (after undoing our own formula escape), without control characters."""
    text = as_text(value)
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X}, which is not text; remove it "
            "(a file full of these is binary or in the wrong encoding)"
        )
    return unescape_text(text)


# --- widgets ------------------------------------------------------------------------------------


class TextWidget(widgets.Widget):
    """Free text, stored as typed: HTML, scripts, Arabic and bidi marks included."""

    def clean(self, value, row=None, **kwargs):
        return checked_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CodeWidget(TextWidget):
    """An identifier: surrounding spaces are dropped."""

    def clean(self, value, row=None, **kwargs):
        return checked_text(value).strip()


class ChoiceWidget(widgets.Widget):
    """A vocabulary code (case-insensitive); blank gives ``""`` and lets the model decide."""

    def __init__(self, choices):
        super().__init__()
        self.codes = [str(code) for code, _label in choices]
        self.by_lower = {code.lower(): code for code in self.codes}

    def clean(self, value, row=None, **kwargs):
        text = checked_text(value).strip()
        if not text:
            return ""
        code = self.by_lower.get(text.lower())
        if code is None:
            raise ValueError("is not a known code; use one of: " + ", ".join(self.codes))
        return code

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DateWidget(widgets.Widget):
    """ISO dates (YYYY-MM-DD), or a date cell of a workbook. Impossible dates are refused."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time(0):
                raise ValueError("has a time of day; give the date only (YYYY-MM-DD)")
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, str):
            raise ValueError("is not a date; write dates as YYYY-MM-DD, for example 2018-01-11")
        match = ISO_DATE.fullmatch(value.strip())
        if not match:
            raise ValueError("is not a date in the form YYYY-MM-DD (for example 2018-01-11)")
        year, month, day = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"is not a real date ({exc})") from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class TimeWidget(widgets.Widget):
    """A clock time HH:MM or HH:MM:SS (24 hours)."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, datetime.datetime):
            raise ValueError("is a date, not a time of day; write HH:MM, for example 14:05")
        if isinstance(value, datetime.time):
            return value
        match = CLOCK_TIME.fullmatch(as_text(value).strip())
        if not match:
            raise ValueError("is not a time of day in the form HH:MM (for example 14:05)")
        hour, minute, second = (int(part) if part else 0 for part in match.groups())
        try:
            return datetime.time(hour, minute, second)
        except ValueError as exc:
            raise ValueError(f"is not a real time of day ({exc})") from None

    def render(self, value, obj=None, **kwargs):
        return time_text(value)


def time_text(value: datetime.time | None) -> str:
    if value is None:
        return ""
    return value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S")


class IntegerWidget(widgets.Widget):
    """A whole number; the model's validators then check the range (no negative counts).

    Numbers beyond what every database column can hold are refused here, so
    SQLite and PostgreSQL give the same answer.
    """

    LIMIT = 2_147_483_647

    def clean(self, value, row=None, **kwargs):
        number = self.parse(value)
        if number is not None and abs(number) > self.LIMIT:
            raise ValueError(f"is too large (at most {self.LIMIT:,})")
        return number

    def parse(self, value):
        if blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError("is not a whole number")
        if isinstance(value, int):
            return value
        if isinstance(value, float | Decimal):
            if value != value or value in (float("inf"), float("-inf")) or value != int(value):
                raise ValueError("is not a whole number")
            return int(value)
        text = as_text(value).strip()
        if not WHOLE_NUMBER.fullmatch(text):
            raise ValueError("is not a whole number")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    """A decimal number with a dot (coordinates); the model checks digits and range."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError("is not a number")
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError("is not a number")
            return Decimal(repr(value))
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError("is not a number")
            return value
        text = as_text(value).strip()
        if not DECIMAL_NUMBER.fullmatch(text):
            raise ValueError("is not a number; write decimals with a dot, for example 36.2021")
        return Decimal(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else decimal_text(Decimal(value))


class BooleanWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, bool):
            return value
        text = as_text(value).strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError("is not true or false (write true/false, yes/no or 1/0)")

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("true" if value else "false")


class BoundWidget(widgets.Widget):
    """A widget that needs its resource (to look codes up); bound in the resource's ``__init__``."""

    resource: InterchangeResource

    def bind(self, resource: InterchangeResource) -> None:
        self.resource = resource


class RefWidget(BoundWidget):
    """A reference to another record by its code; the field stores the primary key."""

    def __init__(self, index: str, label: str):
        super().__init__()
        self.index_name = index
        self.label = label

    def clean(self, value, row=None, **kwargs):
        code = checked_text(value).strip()
        if not code:
            return None
        return self.resource.resolve(self.index_name, code, self.label)

    def render(self, value, obj=None, **kwargs):
        return self.resource.index(self.index_name).code_of(value) if value else ""


class PlaceRefWidget(BoundWidget):
    """A place by pcode, or by a name (English or Arabic) that only one place bears."""

    def clean(self, value, row=None, **kwargs):
        text = checked_text(value).strip()
        if not text:
            return None
        return self.resource.places.resolve(text)

    def render(self, value, obj=None, **kwargs):
        return self.resource.places.reference_of(value) if value else ""


class CodeListWidget(RefWidget):
    """Codes separated by ``;``; gives a sorted list of primary keys."""

    def clean(self, value, row=None, **kwargs):
        codes = [part.strip() for part in checked_text(value).split(MEMBER_SEPARATOR)]
        pks = []
        problems = []
        for code in dict.fromkeys(c for c in codes if c):
            try:
                pks.append(self.resource.resolve(self.index_name, code, self.label))
            except ValueError as exc:
                problems.append(f"{code}: {exc}")
        if problems:
            raise ValueError("; ".join(problems))
        return sorted(pks)

    def render(self, value, obj=None, **kwargs):
        index = self.resource.index(self.index_name)
        return MEMBER_SEPARATOR.join(sorted(index.code_of(pk) for pk in value or []))


# --- columns ------------------------------------------------------------------------------------


class Column(fields.Field):
    """One column of the interchange format.

    ``keep_when_blank``: for fields that have a default and cannot be empty
    (status, vocabularies with defaults, counts, flags), a blank cell leaves
    the value alone: the default for a new record, the current value for an
    existing one. Everywhere else a blank cell means "empty".
    """

    def __init__(self, column: str, widget=None, attribute: str | None = None, keep_when_blank=False):
        attribute = attribute or column
        super().__init__(attribute=attribute, column_name=column, widget=widget or TextWidget())
        self.keep_when_blank = keep_when_blank
        # Errors are filed under the model field's name, so full_clean() skips what already failed.
        self.error_key = attribute.removesuffix("_id")

    def save(self, instance, row, is_m2m=False, **kwargs):
        if self.keep_when_blank and blank(row.get(self.column_name)):
            return
        setattr(instance, self.attribute, self.clean(row, **kwargs))


class VirtualColumn(Column):
    """A column that is not a field of the model (the incident's primary attribution, members).

    The parsed value waits on the instance under ``attribute`` until the
    resource writes it after the save; ``resource.current_value()`` reads the
    stored state for comparison and preview.
    """

    resource: InterchangeResource

    def __init__(self, column: str, widget=None):
        super().__init__(column, widget=widget, attribute=f"_import_{column}")
        self.error_key = column

    def save(self, instance, row, is_m2m=False, **kwargs):
        setattr(instance, self.attribute, self.clean(row, **kwargs))

    def get_value(self, instance):
        if hasattr(instance, self.attribute):
            return getattr(instance, self.attribute)
        return self.resource.current_value(self.column_name, instance)


# --- code indexes -------------------------------------------------------------------------------


class CodeIndex:
    """Codes to primary keys (and a few extra values) for one model, loaded in bulk.

    ``load_all()`` for small reference tables, ``load(codes)`` for the codes a
    file mentions; records saved during the import are added with
    ``remember()``, so later rows can refer to earlier ones.
    """

    def __init__(self, model, field: str = "code", extra: tuple[str, ...] = ()):
        self.model = model
        self.field = field
        self.extra = extra
        self.by_code: dict[str, tuple] = {}
        self.by_pk: dict[int, str] = {}
        self.missing: set[str] = set()
        self.complete = False

    def _values(self, queryset):
        return queryset.values_list(self.field, "pk", *self.extra)

    def _add(self, row) -> None:
        code, pk = row[0], row[1]
        self.by_code[code] = (pk, *row[2:])
        self.by_pk[pk] = code
        self.missing.discard(code)

    def load_all(self) -> CodeIndex:
        for row in self._values(self.model._default_manager.all()).iterator(chunk_size=EXPORT_CHUNK):
            self._add(row)
        self.complete = True
        return self

    def load(self, codes: Iterable[str]) -> CodeIndex:
        wanted = sorted({c for c in codes if c and c not in self.by_code})
        for batch in chunked(wanted):
            for row in self._values(self.model._default_manager.filter(**{f"{self.field}__in": batch})):
                self._add(row)
        return self

    def remember(self, code: str, pk: int, *extra) -> None:
        if code:
            self._add((code, pk, *extra))

    def get(self, code: str) -> tuple | None:
        if code in self.by_code:
            return self.by_code[code]
        if self.complete or code in self.missing:
            return None
        row = self._values(self.model._default_manager.filter(**{self.field: code})).first()
        if row is None:
            self.missing.add(code)
            return None
        self._add(row)
        return self.by_code[code]

    def get_ignoring_case(self, code: str) -> tuple[str, tuple] | None:
        """The one record whose code differs only in letter case, if there is exactly one."""
        if self.complete:
            matches = [c for c in self.by_code if c.lower() == code.lower()]
        else:
            filters = {f"{self.field}__iexact": code}
            matches = list(
                self.model._default_manager.filter(**filters).values_list(self.field, flat=True)[:2]
            )
            matches += [c for c in self.by_code if c.lower() == code.lower() and c not in matches]
        if len(matches) != 1:
            return None
        found = self.get(matches[0])
        return (matches[0], found) if found else None

    def code_of(self, pk: int) -> str:
        if pk not in self.by_pk:
            row = self._values(self.model._default_manager.filter(pk=pk)).first()
            if row is None:
                return ""
            self._add(row)
        return self.by_pk[pk]


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class PlaceIndex:
    """The gazetteer in memory: places by pcode and by (unique) name."""

    def __init__(self, place_model, locality_level: str):
        self.model = place_model
        self.locality_level = locality_level
        self.by_pcode: dict[str, int] = {}
        self.by_pcode_folded: dict[str, set[int]] = {}
        self.by_name: dict[str, set[int]] = {}
        self.info: dict[int, tuple[str, str, str, str, int | None]] = {}
        for row in place_model._default_manager.values_list(
            "pk", "pcode", "name", "name_ar", "level", "parent_id"
        ).iterator(chunk_size=EXPORT_CHUNK):
            self.remember(*row)

    def remember(self, pk, pcode, name, name_ar, level, parent_id) -> None:
        old = self.info.get(pk)
        if old:
            self.by_pcode.pop(old[0], None)
            self.by_pcode_folded.get(old[0].lower(), set()).discard(pk)
            for key in {name_key(old[1]), name_key(old[2])} - {""}:
                self.by_name.get(key, set()).discard(pk)
        self.info[pk] = (pcode, name, name_ar, level, parent_id)
        if pcode:
            self.by_pcode[pcode] = pk
            self.by_pcode_folded.setdefault(pcode.lower(), set()).add(pk)
        for key in {name_key(name), name_key(name_ar)} - {""}:
            self.by_name.setdefault(key, set()).add(pk)

    def resolve(self, text: str) -> int:
        if text in self.by_pcode:
            return self.by_pcode[text]
        folded = self.by_pcode_folded.get(text.lower(), set())
        if len(folded) == 1:
            return next(iter(folded))
        named = self.by_name.get(name_key(text), set())
        if len(named) == 1:
            return next(iter(named))
        if named:
            localities = [pk for pk in named if self.info[pk][3] == self.locality_level]
            if len(localities) == 1:
                return localities[0]
            raise ValueError(f"{len(named)} places bear this name; give the pcode of the one you mean")
        raise ValueError("no place has this pcode or name; import the places first")

    def reference_of(self, pk: int) -> str:
        info = self.info.get(pk)
        return (info[0] or info[1]) if info else ""

    def find(self, name: str, level: str, parent_id: int | None) -> int | None:
        """A place without pcode is identified by its name, level and parent."""
        key = name_key(name)
        for pk in self.by_name.get(key, ()):
            pcode, own_name, _ar, own_level, own_parent = self.info[pk]
            if name_key(own_name) == key and own_level == level and own_parent == parent_id and not pcode:
                return pk
        return None


# --- the base resource --------------------------------------------------------------------------


class InterchangeResource(resources.ModelResource):
    """Base of every interchange resource; see the module docstring."""

    #: The exact columns of the format (interfaces.md), in export order: ``columns = Meta.fields``.
    columns: tuple[str, ...] = ()
    #: The column(s) that identify a row.
    identity_columns: tuple[str, ...] = ("code",)
    #: Constraint name -> (column, friendlier reason) for model constraints' messages.
    constraint_columns: dict[str, tuple[str, str]] = {}
    #: Write history rows in bulk batches (simple_history's per-save path costs a millisecond a row).
    #: Off for models whose history also snapshots many-to-many fields.
    bulk_history = True
    HISTORY_BATCH = 500
    #: Write new records with ``bulk_create`` in batches instead of ``save()`` row by row (see
    #: "New records in batches" below). Only for models whose ``save()`` does all its work before
    #: the database write (nothing after it) and that no pre_save/post_save receiver other than
    #: simple_history's listens to: bulk_create sends no signals.
    bulk_insert = False
    INSERT_BATCH = 500
    #: Rows shown (with their changes) in the admin's preview.
    PREVIEW_ROWS = 100

    class Meta:
        abstract = True
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, user=None, file_name: str = "", preview: bool = True, safe: bool = False, **kwargs):
        super().__init__(**kwargs)
        # The library writes to _meta while importing; keep that to this instance.
        self._meta = copy.copy(self._meta)
        self._preview = preview
        if not preview:
            self._meta.skip_html_diff = True
        # Fast mode: no savepoint per row (two round trips a row on PostgreSQL). The library's
        # "use_bulk" switch is what turns them off; save_instance() below does the writing (its
        # own batches of new records, see bulk_insert; updates row by row).
        # Should the database refuse a row, the whole import is redone in safe mode, with a
        # savepoint per row and save() row by row, so that every other row is still checked and
        # reported by its line.
        self._safe = safe
        self._meta.use_bulk = not safe
        self._bulk = self.bulk_insert and not safe and self._can_bulk_insert()
        self.user = user
        self.file_name = file_name
        self._indexes: dict[str, Any] = {}
        self._places = None
        self._seen: dict[Any, int] = {}
        self._line = None
        self._unit = "line"
        self._lines: list[int] = []
        self._file_codes: dict[str, int] = {}
        self._history: dict[tuple[type, bool], list] = {}
        self._creating = False
        # New records waiting for their batch: (instance, row, kwargs), their codes in lower
        # case (a later row that refers to one writes the batch first), rows that depend on them.
        self._pending: list[tuple[Any, dict, dict]] = []
        self._pending_codes: set[str] = set()
        self._pending_results: list[tuple[Any, Any]] = []
        self._queued = None
        self._original = None
        self._flushing = False
        self._later: dict[type, list] = {}
        for column in self.fields.values():
            column.resource = self
            if isinstance(column.widget, BoundWidget):
                column.widget.bind(self)

    @classmethod
    def get_display_name(cls) -> str:
        return cls._meta.model._meta.verbose_name_plural.capitalize()

    def get_import_fields(self):
        # Asked several times a row; the library recomputes the ordering each time.
        if not hasattr(self, "_import_fields"):
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def get_diff_class(self):
        # Without the admin's preview table, the library's diff (every column rendered twice a
        # row) would be thrown away.
        return _NoDiff if self._meta.skip_html_diff else super().get_diff_class()

    # --- lookups ---

    def index(self, name: str) -> CodeIndex:
        if name not in self._indexes:
            self._indexes[name] = self.build_index(name)
        return self._indexes[name]

    def build_index(self, name: str) -> CodeIndex:
        from facilities.models import Facility
        from incidents.models import Incident, Perpetrator

        if name == "facility":
            return CodeIndex(Facility).load_all()
        if name == "perpetrator":
            return CodeIndex(Perpetrator).load_all()
        if name == "incident":
            return CodeIndex(Incident, extra=("date",))
        raise KeyError(name)

    @property
    def places(self) -> PlaceIndex:
        if self._places is None:
            from facilities.models import Place, PlaceLevel

            self._places = PlaceIndex(Place, PlaceLevel.LOCALITY)
        return self._places

    def resolve(self, index_name: str, code: str, label: str) -> int:
        """The primary key for ``code``, or a ValueError that says what to do."""
        if code.lower() in self._pending_codes and index_name == self.own_index_name():
            # An earlier row of this file, not written yet: write its batch, then look it up.
            self.flush_inserts()
        index = self.index(index_name)
        found = index.get(code)
        if found:
            return found[0]
        folded = index.get_ignoring_case(code)
        if folded:
            return folded[1][0]
        if index_name == self.own_index_name():
            later = self._file_codes.get(code)
            if later and self._line and later > self._line:
                raise ValueError(
                    f"no {label} has this code yet: it is defined further down, on "
                    f"{self._unit} {later}; put that row first"
                )
            if later and self._line and later < self._line:
                raise ValueError(f"the {label} with this code, on {self._unit} {later}, has errors")
        raise ValueError(f"no {label} has this code")

    def own_index_name(self) -> str | None:
        """The index holding this resource's own records (for references within the file)."""
        return None

    def current_value(self, column: str, instance):
        """The stored value of a virtual column (see :class:`VirtualColumn`)."""
        raise NotImplementedError(column)

    # --- import ---

    def check_headers(self, headers: list[str]) -> list[Problem]:
        problems = []
        expected = list(self.columns)
        missing = [c for c in expected if c not in headers]
        unknown = [h for h in headers if h not in expected]
        for column in missing:
            problems.append(Problem(1, column, "", "this column is missing from the header", "line"))
        for column in unknown:
            problems.append(
                Problem(
                    1,
                    column,
                    "",
                    "this file format has no such column; the columns are: " + ",".join(expected),
                    "line",
                )
            )
        return problems

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """Import the whole dataset in one transaction, rolled back if any row is refused."""
        if kwargs.get("user") is not None:
            self.user = kwargs["user"]
        self.file_name = kwargs.get("file_name") or self.file_name
        self._lines = list(getattr(dataset, "source_lines", []) or [])
        self._unit = getattr(dataset, "source_unit", "line")
        headers = [str(h or "").strip().lower() for h in dataset.headers or []]
        if headers != list(dataset.headers or []):
            dataset.headers = headers
        problems = self.check_headers(headers)
        if problems:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            error = InterchangeFileError(
                "The header does not match the format; nothing was imported.", problems
            )
            result.append_base_error(Error(error))
            result.problems = problems
            return result
        try:
            result = super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=False,
                use_transactions=True,
                collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=True,
                **kwargs,
            )
        except _RetryWithSavepoints:
            safe = type(self)(user=self.user, file_name=self.file_name, preview=self._preview, safe=True)
            return safe.import_data(
                dataset, dry_run=dry_run, collect_failed_rows=collect_failed_rows, **kwargs
            )
        result.problems = self.collect_problems(result, dataset)
        return result

    def import_row(self, row, instance_loader, **kwargs):
        self._queued = None
        # The library deep-copies every record before changing it, for the preview's table of
        # changes and for skip_row(). Past the rows a preview shows, only an existing record
        # needs a copy, and a shallow one will do (get_or_init_instance).
        self._meta.skip_diff = self._meta.skip_html_diff or kwargs.get("row_number", 0) > self.PREVIEW_ROWS
        self._original = None
        row_result = super().import_row(row, instance_loader, **kwargs)
        if row_result.errors and not self._safe:
            # The transaction may be unusable now (PostgreSQL): start again with savepoints.
            raise _RetryWithSavepoints
        if self._queued is not None and self._queued.pk is None:
            # The record's id is known once its batch is written (the admin logs it).
            self._pending_results.append((row_result, self._queued))
        return row_result

    def handle_import_error(self, result, error, raise_errors=False):
        if isinstance(error, _RetryWithSavepoints):
            raise error
        super().handle_import_error(result, error, raise_errors)

    def line_of(self, number: int) -> int:
        """Spreadsheet line of the ``number``-th data row (header = line 1)."""
        if 0 < number <= len(self._lines):
            return self._lines[number - 1]
        return number + 1

    def identity_of(self, row: dict) -> Any:
        """What identifies the row within the file (for duplicates); ``None`` when blank."""
        values = tuple(checked_or_raw(row.get(c)) for c in self.identity_columns)
        return values if all(values) else None

    def before_import(self, dataset, **kwargs):
        position = self.identity_columns[0]
        if position in dataset.headers:
            index = dataset.headers.index(position)
            for number, values in enumerate(dataset, 1):
                code = checked_or_raw(values[index])
                if code and code not in self._file_codes:
                    self._file_codes[code] = self.line_of(number)
        self.prepare(dataset)

    def prepare(self, dataset) -> None:
        """Load what the rows will need, in bulk (indexes, existing records)."""

    def before_import_row(self, row, **kwargs):
        if kwargs.get("row_number", 0) > self.PREVIEW_ROWS:
            # The admin preview shows the first rows only; the others need no HTML diff.
            self._meta.skip_html_diff = True
        self._line = self.line_of(kwargs.get("row_number", 0))
        key = self.identity_of(row)
        if key is not None:
            if key in self._seen:
                column = self.identity_columns[0]
                what = " and ".join(self.identity_columns)
                raise ValidationError(
                    {column: f"the same {what} is already on {self._unit} {self._seen[key]} of this file"}
                )
            self._seen[key] = self._line

    def get_or_init_instance(self, instance_loader, row):
        instance = self.find_existing(row)
        if instance is not None:
            if self._meta.skip_diff:
                # The stored values, for skip_row() (fields hold immutable values).
                self._original = copy.copy(instance)
            return instance, False
        return self.init_instance(row), True

    def find_existing(self, row: dict):
        raise NotImplementedError

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, ValidationError] = {}
        status_before = getattr(instance, "status", None)
        for column in self.get_import_fields():
            try:
                self.import_field(column, instance, row, **kwargs)
            except ValueError as exc:
                errors[column.error_key] = ValidationError(str(exc), code="invalid")
        self.after_fields(instance, row, errors)
        self.check_review_rights(instance, status_before, errors)
        if errors:
            raise ValidationError(errors)

    def check_review_rights(self, instance, status_before, errors: dict) -> None:
        """A file must not do what the admin forbids: only those who may publish create or change
        reviewed records. Without a named user (a shell operator) the command is trusted."""
        if self.user is None or status_before is None:
            return
        opts = instance._meta
        if self.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
            return
        if {status_before, instance.status} & REVIEWED_STATUSES:
            errors.setdefault(
                "status",
                ValidationError(
                    "only users who may publish can import verified or published records; "
                    "import it as draft and send it through review",
                    code="permission",
                ),
            )

    def after_fields(self, instance, row: dict, errors: dict) -> None:
        """Cross-column checks and derived values, before full_clean()."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """``Model.full_clean()``, step by step, minus two per-row queries that prove nothing new.

        * A reference resolved by code is known to exist: its field skips the
          "does this row exist" query of ``ForeignKey.validate`` (a missing
          required reference is still reported).
        * Check constraints made of simple comparisons are evaluated in
          Python, with SQL's NULL rules (Django runs one query per constraint
          and row); anything else still goes to the database.

        The database enforces every constraint again when the row is saved.
        """
        errors = dict(import_validation_errors or {})
        exclude = set(errors)
        resolved = {
            column.error_key
            for column in self.get_import_fields()
            if isinstance(column.widget, RefWidget | PlaceRefWidget)
            and getattr(instance, column.attribute, None)
        }
        try:
            instance.clean_fields(exclude=exclude | resolved)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        try:
            instance.clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
        if validate_unique:
            try:
                instance.validate_unique(exclude=exclude)
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
            exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
        try:
            validate_constraints(instance, exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is None:
            original = self._original
        if import_validation_errors or original is None or original.pk is None:
            return False
        return all(c.get_value(instance) == c.get_value(original) for c in self.get_import_fields())

    def change_reason(self) -> str:
        name = printable(self.file_name, 150).strip('"') if self.file_name else "a file"
        return f"Imported from {name}"

    def save_instance(self, instance, is_create, row, **kwargs):
        # Never the library's bulk lists: a new record waits for its batch (bulk_insert, fast
        # mode), anything else is saved here and now.
        self._creating = is_create
        self.before_save_instance(instance, row, **kwargs)
        if is_create and self._bulk:
            self.queue_insert(instance, row, kwargs)
            return
        self.do_instance_save(instance, is_create)
        self.after_save_instance(instance, row, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        self.prepare_history(instance)

    def after_save_instance(self, instance, row, **kwargs):
        self.queue_history(instance, self._creating)
        self.remember(instance)

    # --- history: who imported what ---

    def prepare_history(self, instance) -> None:
        """Before a save: history will name the importing user and the file."""
        instance._history_user = self.user
        instance._change_reason = self.change_reason()
        if self.bulk_history and hasattr(instance._meta, "simple_history_manager_attribute"):
            instance.skip_history_when_saving = True

    def queue_history(self, instance, created: bool) -> None:
        """After a save: its history row is written with the next batch."""
        if not hasattr(instance, "skip_history_when_saving"):
            return
        del instance.skip_history_when_saving
        batch = self._history.setdefault((type(instance), created), [])
        batch.append(instance)
        if len(batch) >= self.HISTORY_BATCH:
            self.flush_history()

    def flush_history(self) -> None:
        from django.utils import timezone

        now = timezone.now()
        for (model, created), instances in self._history.items():
            if instances:
                manager = getattr(model, model._meta.simple_history_manager_attribute)
                manager.bulk_history_create(
                    instances, update=not created, default_user=self.user, default_date=now
                )
                instances.clear()

    def after_import(self, dataset, result, **kwargs):
        self.flush_inserts()
        self.flush_history()
        super().after_import(dataset, result, **kwargs)

    def remember(self, instance) -> None:
        """Make a saved record findable by later rows."""

    # --- new records in batches ---
    #
    # In fast mode a new record is not saved when its row is read: save() runs up to the database
    # write (derived fields such as search_text; codes are given first, see CodedResource), and
    # the record waits in a batch of INSERT_BATCH written with one bulk_create (PostgreSQL and
    # SQLite return the ids). Then what follows a save row by row happens for each record in the
    # batch, in row order: history queued, the record remembered for later rows, rows that hang
    # off it (the primary attribution) written in their own batch. A later row that refers to a
    # record still waiting writes the batch first. Any error while writing a batch (the database
    # refusing a row) redoes the whole import in safe mode, row by row with save(), which names
    # the line. Records that exist already are updated row by row, as before.

    def _can_bulk_insert(self) -> bool:
        from django.db import connections, router

        connection = connections[router.db_for_write(self._meta.model)]
        return connection.features.can_return_rows_from_bulk_insert

    def prepare_insert(self, instance) -> None:
        """Before ``save()``'s own logic runs on a record that will wait for its batch."""

    def queue_insert(self, instance, row, kwargs) -> None:
        self.prepare_insert(instance)
        run_save_logic(instance)
        self._pending.append((instance, row, dict(kwargs)))
        code = getattr(instance, "code", "")
        if code:
            self._pending_codes.add(code.lower())
        self._queued = instance
        if len(self._pending) >= self.INSERT_BATCH:
            self.flush_inserts()

    def flush_inserts(self) -> None:
        """Write the waiting new records, then do for each what follows its save.

        Whatever goes wrong here (the database refusing a row, a dependent record that does not
        validate) belongs to some row of the batch, not to the row being read: the import is
        redone row by row, which reports it on its own line."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        self._pending_codes.clear()
        creating, self._creating, self._flushing = self._creating, True, True
        try:
            self._meta.model._default_manager.bulk_create([instance for instance, _row, _kw in pending])
            for instance, row, kwargs in pending:
                self.after_save_instance(instance, row, **kwargs)
            self.flush_later()
        except Exception as exc:
            raise _RetryWithSavepoints from exc
        finally:
            self._creating, self._flushing = creating, False
        for row_result, instance in self._pending_results:
            row_result.object_id = instance.pk
        self._pending_results.clear()

    def save_dependent(self, instance) -> None:
        """Save a record that hangs off an imported one (an attribution), with its history row.

        While a batch is being written, a new one joins a batch of its own."""
        created = instance.pk is None
        self.prepare_history(instance)
        if created and self._flushing:
            self._later.setdefault(type(instance), []).append(instance)
            return
        instance.save()
        self.queue_history(instance, created)

    def flush_later(self) -> None:
        for model, instances in self._later.items():
            model._default_manager.bulk_create(instances)
            for instance in instances:
                self.queue_history(instance, True)
        self._later.clear()

    # --- problems ---

    def collect_problems(self, result, dataset) -> list[Problem]:
        problems: list[Problem] = []
        for error in result.base_errors:
            problems.extend(self.problems_from_exception(None, error.error))
        headers = list(dataset.headers)
        for invalid in result.invalid_rows:
            line = self.line_of(invalid.number)
            raw = dict(zip(headers, dataset[invalid.number - 1], strict=False))
            for key, messages in invalid.error_dict.items():
                for message in messages:
                    problems.append(self.problem_for(line, key, message, raw))
        for error_row in result.error_rows:
            line = self.line_of(error_row.number)
            for error in error_row.errors:
                problems.extend(self.problems_from_exception(line, error.error))
        return sorted(problems, key=lambda p: p.line or 0)

    def column_for(self, key: str) -> str:
        if key in self.columns:
            return key
        for column in self.get_import_fields():
            if key in (column.error_key, column.attribute):
                return column.column_name
        return ""

    def problem_for(self, line: int, key: str, message: str, raw: dict) -> Problem:
        column = "" if key == NON_FIELD_ERRORS else self.column_for(key)
        reason = str(message)
        for name, (constraint_column, friendly) in self.constraint_columns.items():
            if name in reason:
                column, reason = constraint_column, friendly
                break
        else:
            if not column and key != NON_FIELD_ERRORS:
                reason = f"{key}: {reason}"
        value = printable(raw.get(column)) if column else ""
        return Problem(line, column, value, reason, self._unit)

    def problems_from_exception(self, line: int | None, exc: BaseException) -> list[Problem]:
        if isinstance(exc, InterchangeFileError):
            return list(exc.problems)
        if isinstance(exc, ValidationError):
            return [Problem(line, "", "", message, self._unit) for message in exc.messages]
        if isinstance(exc, IntegrityError):
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return [Problem(line, "", "", f"the database refused this row ({detail})", self._unit)]
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return [Problem(line, "", "", f"{type(exc).__name__}: {detail}".rstrip(": "), self._unit)]

    # --- export ---

    def base_queryset(self, queryset=None):
        """Everything, or exactly the records of ``queryset`` (a filtered admin change list)."""
        model = self._meta.model
        if queryset is None:
            return model._default_manager.all()
        return model._default_manager.filter(pk__in=queryset.order_by().values("pk"))

    def export_expressions(self) -> dict[str, Any]:
        """Columns that are not plain fields: column -> expression (a reference's code, ...)."""
        return {}

    def export_ordering(self) -> list:
        """Rows in an order that depends on the data only (a round trip gives the same file),
        with what a row refers to (parent, earlier strike) before it."""
        return ["pk"]

    def export_queryset(self, queryset):
        return queryset

    def export_values(self, queryset) -> Iterator[tuple]:
        """Raw values in column order, straight from the database, a few hundred rows at a time."""
        expressions = {f"export_{column}": expr for column, expr in self.export_expressions().items()}
        names = [f"export_{c}" if f"export_{c}" in expressions else c for c in self.columns]
        return (
            self.export_queryset(queryset)
            .annotate(**expressions)
            .order_by(*self.export_ordering(), "pk")
            .values_list(*names)
            .iterator(chunk_size=EXPORT_CHUNK)
        )

    def iter_export(self, queryset=None) -> Iterator[list]:
        """Escaped rows, streamed: nothing holds the whole table in memory."""
        for values in self.export_values(self.base_queryset(queryset)):
            yield [escape_cell(value) for value in values]

    def export(self, queryset=None, **kwargs):
        """A tablib Dataset (for library code paths; the commands and the admin stream instead)."""
        dataset = tablib.Dataset(headers=list(self.columns))
        for row in self.iter_export(queryset):
            dataset.append(row)
        return dataset

    def get_export_headers(self, selected_fields=None):
        return list(self.columns)

    def get_user_visible_fields(self):
        return [self.fields[c] for c in self.columns]


class CodedResource(InterchangeResource):
    """A resource whose rows are matched on a unique ``code`` column."""

    class Meta(InterchangeResource.Meta):
        abstract = True

    def prepare(self, dataset):
        from django.db.models.functions import Lower

        codes = {checked_or_raw(v) for v in dataset["code"]} - {""}
        model = self._meta.model
        self._existing = {}
        size = lookup_chunk(model)
        for batch in chunked(sorted(codes), size):
            for record in model._default_manager.filter(code__in=batch):
                self._existing[record.code] = record
        self._existing_pks = {record.pk for record in self._existing.values()}
        # Stored codes that differ from the file's only in letter case (a typo, not a new record).
        # No index serves LOWER(code): each query reads the whole table, so as few queries as the
        # database's limit on parameters allows (one for 10,000 codes on PostgreSQL).
        self._folded: dict[str, str] = {}
        self._codes = CodeAllocator(model)
        for batch in chunked(sorted({c.lower() for c in codes}), size):
            matches = model._default_manager.annotate(lowered_code=Lower("code")).filter(
                lowered_code__in=batch
            )
            for code in matches.values_list("code", flat=True):
                self._folded.setdefault(code.lower(), code)
        self.prepare_more(dataset)

    def prepare_more(self, dataset) -> None:
        pass

    def find_existing(self, row):
        code = checked_or_raw(row.get("code"))
        return self._existing.pop(code, None) if code else None

    def after_fields(self, instance, row, errors):
        if instance.pk is None and instance.code:
            other = self._folded.get(instance.code.lower())
            if other and other != instance.code:
                errors.setdefault("code", f"differs only in letter case from the existing code {other}")

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self._folded.setdefault(instance.code.lower(), instance.code)

    def prepare_insert(self, instance):
        from core.codes import PublicCodeMixin

        if isinstance(instance, PublicCodeMixin):
            # save() would pick a blank code from the database, which does not hold the waiting
            # records yet: pick it here, counting them.
            if not instance.code:
                instance.code = self._codes.next_for(instance)
            else:
                self._codes.note(instance.code)
        # For the letter-case check of later rows, as after a save.
        self._folded.setdefault(instance.code.lower(), instance.code)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Rows are matched on the code, in-file duplicates refused and case variants caught, so
        # the unique check's query per row could only confirm it; the unique index still guards.
        model = self._meta.model
        unique = [f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key]
        if unique == ["code"] and not model._meta.unique_together:
            validate_unique = False
        super().validate_instance(instance, import_validation_errors, validate_unique)


class CodeAllocator:
    """Generated codes for the new records of one import, as row-by-row saves would give them.

    ``PublicCodeMixin.save()`` gives a blank code the number after the highest
    stored under its prefix (``core.codes.next_code``). Records waiting for
    their batch are not stored yet, so the highest is the stored one (asked
    once per prefix) or the highest among the codes this import created
    before, whichever is greater.
    """

    def __init__(self, model):
        self.model = model
        self.created: list[str] = []
        self.highest: dict[str, int] = {}
        self.patterns: dict[str, re.Pattern] = {}

    def note(self, code: str) -> None:
        """A code created by this import (given in the file or generated)."""
        self.created.append(code)
        for prefix, pattern in self.patterns.items():
            match = pattern.match(code)
            if match:
                self.highest[prefix] = max(self.highest[prefix], int(match.group(1)))

    def next_for(self, instance) -> str:
        from core.codes import next_code

        prefix, width = instance.code_prefix(), instance.code_width
        if prefix not in self.patterns:
            stored = next_code(self.model, prefix, width)
            pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
            created = [int(m.group(1)) for code in self.created if (m := pattern.match(code))]
            self.highest[prefix] = max([int(stored[len(prefix) :]) - 1, *created])
            self.patterns[prefix] = pattern
        code = f"{prefix}{self.highest[prefix] + 1:0{width}d}"
        self.note(code)
        return code


class _NoDiff:
    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class _RetryWithSavepoints(Exception):
    """A row failed in the database during a fast import: redo it all with a savepoint per row."""


class _CannotEvaluate(Exception):
    pass


class _Excluded(Exception):
    pass


_COMPARISONS = {
    "exact": lambda a, b: a == b,
    "gte": lambda a, b: a >= b,
    "lte": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "lt": lambda a, b: a < b,
}


def _lookup_value(values: dict, name: str, exclude: set) -> Any:
    if name in exclude:
        raise _Excluded
    if name not in values:
        raise _CannotEvaluate
    return values[name]


def evaluate_condition(q, values: dict, exclude: set) -> bool | None:
    """A Q of simple lookups on the record's own fields, in SQL's three-valued logic.

    Returns None for "unknown" (a NULL compared), which a CHECK constraint lets
    pass; raises _CannotEvaluate for anything else (joins, expressions).
    """
    from django.db.models import F, Q

    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(evaluate_condition(child, values, exclude))
            continue
        key, target = child
        name, _, lookup = key.partition("__")
        lookup = lookup or "exact"
        left = _lookup_value(values, name, exclude)
        literal_none = target is None
        if isinstance(target, F):
            target = _lookup_value(values, target.name, exclude)
        elif hasattr(target, "resolve_expression"):
            raise _CannotEvaluate
        if lookup == "isnull":
            results.append((left is None) == bool(target))
        elif lookup == "exact" and literal_none:
            # Django turns "field=None" into IS NULL; a NULL from F() compares as unknown.
            results.append(left is None)
        elif lookup == "in":
            results.append(None if left is None else left in target)
        elif lookup in _COMPARISONS:
            try:
                results.append(None if left is None or target is None else _COMPARISONS[lookup](left, target))
            except TypeError:
                raise _CannotEvaluate from None
        else:
            raise _CannotEvaluate
    if q.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    elif q.connector == Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise _CannotEvaluate
    if q.negated and result is not None:
        result = not result
    return result


def validate_constraints(instance, exclude: set) -> None:
    """``Model.validate_constraints()``, evaluating simple CHECK constraints without a query."""
    from django.db import router
    from django.db.models import CheckConstraint, Q

    using = router.db_for_write(type(instance), instance=instance)
    values = {
        field.name: getattr(instance, field.attname)
        for field in instance._meta.local_concrete_fields
        if field.name not in exclude
    }
    if "pk" not in exclude:
        values["pk"] = instance.pk
    errors: dict = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            try:
                if isinstance(constraint, CheckConstraint) and isinstance(constraint.condition, Q):
                    try:
                        ok = evaluate_condition(constraint.condition, values, exclude)
                    except _Excluded:
                        continue
                    except _CannotEvaluate:
                        constraint.validate(model_class, instance, exclude=exclude, using=using)
                        continue
                    if ok is False:
                        raise ValidationError(
                            constraint.get_violation_error_message(), code=constraint.violation_error_code
                        )
                else:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)
            except ValidationError as exc:
                fields_ = getattr(constraint, "fields", ())
                if getattr(exc, "code", None) == "unique" and len(fields_) == 1:
                    errors.setdefault(fields_[0], []).append(exc)
                else:
                    errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _stop_before_write(*args, **kwargs) -> None:
    raise _ReachedWrite


class _ReachedWrite(Exception):
    pass


def run_save_logic(instance) -> None:
    """Run ``instance.save()`` up to the database write, which is left to ``bulk_create``.

    Whatever the model's ``save()`` (and its mixins') does before calling
    ``Model.save()`` happens exactly as on a real save: search text, defaults
    derived from other fields. ``Model.save_base()`` (signals and the INSERT) is
    stopped for this one call. A model whose ``save()`` also works after the
    write must not use the bulk path (``bulk_insert``).
    """
    instance.save_base = _stop_before_write
    try:
        instance.save(force_insert=True)
    except _ReachedWrite:
        pass
    else:
        raise RuntimeError(f"{type(instance).__name__}.save() returned without writing")
    finally:
        del instance.save_base


def checked_or_raw(value: Any) -> str:
    """A code cell for comparisons: stripped text, or the raw text if it is not clean."""
    try:
        return checked_text(value).strip()
    except ValueError:
        return as_text(value).strip()


def place_reference(path: str):
    """SQL for how a place is written in a file: its pcode, or its name when it has none."""
    from django.db.models import Case, F, When

    return Case(When(**{f"{path}__pcode": ""}, then=F(f"{path}__name")), default=F(f"{path}__pcode"))


def self_reference_depth(path: str, levels: int = 4):
    """0 for a record without ``path``, 1 when its ``path`` has none, ...: parents sort first."""
    from django.db.models import Case, IntegerField, Value, When

    whens = [When(**{"__".join([path] * (n + 1)) + "__isnull": True}, then=Value(n)) for n in range(levels)]
    return Case(*whens, default=Value(levels), output_field=IntegerField())
