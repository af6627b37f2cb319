"""The admin site: no model admin filters, searches or orders on an encrypted field.

A Fernet token's length follows its plaintext's and it begins with the time it was written, so
a lookup on the stored token answers questions about the secret: ``?real_name__regex=^.{100,}$``
(who has a recorded identity, and how long it is), ``?real_name__gt=...``,
``?real_name__startswith=gAAAAA``, or the same across a relation
(``?witness_accounts__contact__regex=...`` on the incident list). Nobody needs them, custodians
included: the identity is read, one record at a time, on the logged reveal page.

:class:`ProtectedAdminSite` is the project's ``admin.site`` (``ProtectedAdminConfig`` in
``INSTALLED_APPS``). It puts :class:`SecretsRefusedMixin` in front of every model admin it
registers, ours and other packages' alike, so the change lists, their filters, searches,
orderings and the autocomplete views all pass through it. The encrypted fields are found by
their class (``EncryptedTextField``), following relations, so a new one is covered without being
named here. A refused filter is Django's own "disallowed lookup" (400); a refused ordering or
search field is dropped. A system check (``core.E001``) names any admin that declares one.
"""

from functools import cache

from django.contrib.admin import AdminSite, ModelAdmin, site
from django.contrib.admin.apps import AdminConfig
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, OrderBy
from django.db.models.constants import LOOKUP_SEP

from core.fields import EncryptedTextField

SEARCH_PREFIXES = "^=@"


def reaches_secret(model, path: str) -> bool:
    """Whether the lookup ``path`` on ``model`` (``a__b__regex``) touches an encrypted field."""
    for part in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if isinstance(field, EncryptedTextField):
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def ordering_reaches_secret(model, item) -> bool:
    """Whether one entry of an ordering (``"-a__b"``, ``F("a")``, ``F("a").desc()``) does."""
    if isinstance(item, OrderBy):
        item = item.expression
    if isinstance(item, F):
        item = item.name
    if not isinstance(item, str):
        return False
    return reaches_secret(model, item.lstrip("-?"))


def search_field_reaches_secret(model, search_field) -> bool:
    return reaches_secret(model, str(search_field).lstrip(SEARCH_PREFIXES))


def list_filter_reaches_secret(model, list_filter) -> bool:
    """A field filter (``"a__b"`` or ``("a__b", FilterClass)``) on an encrypted field."""
    name = list_filter[0] if isinstance(list_filter, list | tuple) else list_filter
    return isinstance(name, str) and reaches_secret(model, name)


class SecretsRefusedMixin:
    """Refuses every filter, search and ordering that touches an encrypted field."""

    def lookup_allowed(self, lookup, value, request):
        if reaches_secret(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return [f for f in fields if not search_field_reaches_secret(self.model, f)]

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if not list_filter_reaches_secret(self.model, f)]

    def get_ordering(self, request):
        return [o for o in super().get_ordering(request) or () if not ordering_reaches_secret(self.model, o)]

    def get_sortable_by(self, request):
        return [
            name
            for name in super().get_sortable_by(request)
            if not (isinstance(name, str) and ordering_reaches_secret(self.model, name))
        ]

    def get_changelist(self, request, **kwargs):
        return secrets_refused_changelist(super().get_changelist(request, **kwargs))


class SecretsRefusedChangeListMixin:
    """``?o=`` picks columns by number: a column sorted by an encrypted field is not sorted."""

    def get_ordering_field(self, field_name):
        order_field = super().get_ordering_field(field_name)
        if order_field is not None and ordering_reaches_secret(self.model, order_field):
            return None
        return order_field

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        return [o for o in ordering if not ordering_reaches_secret(self.model, o)]


@cache
def secrets_refused_changelist(changelist_class):
    if issubclass(changelist_class, SecretsRefusedChangeListMixin):
        return changelist_class
    return type(changelist_class.__name__, (SecretsRefusedChangeListMixin, changelist_class), {})


@cache
def secrets_refused_admin(admin_class):
    if issubclass(admin_class, SecretsRefusedMixin):
        return admin_class
    attributes = {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__}
    return type(admin_class.__name__, (SecretsRefusedMixin, admin_class), attributes)


class ProtectedAdminSite(AdminSite):
    """Django's admin site, with every model admin refusing lookups on encrypted fields."""

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, secrets_refused_admin(admin_class or ModelAdmin), **options)


class ProtectedAdminConfig(AdminConfig):
    default_site = "core.admin_site.ProtectedAdminSite"


@checks.register(checks.Tags.admin)
def check_no_admin_declares_a_secret(app_configs=None, **kwargs):
    """An admin declaring a search, filter, ordering or column on an encrypted field is an error
    (the site drops or refuses it at run time; the declaration misleads its reader)."""
    errors = []
    for model, model_admin in site._registry.items():
        declared = {
            "search_fields": [f for f in model_admin.search_fields if search_field_reaches_secret(model, f)],
            "list_filter": [f for f in model_admin.list_filter if list_filter_reaches_secret(model, f)],
            "ordering": [o for o in model_admin.ordering or () if ordering_reaches_secret(model, o)],
            "list_display": [
                column
                for column in model_admin.list_display
                if isinstance(column, str) and ordering_reaches_secret(model, column)
            ],
        }
        for attribute, entries in declared.items():
            if entries:
                errors.append(
                    checks.Error(
                        f"{type(model_admin).__name__}.{attribute} names an encrypted field: {entries}.",
                        hint="Encrypted fields cannot be searched, filtered, sorted or listed in the admin.",
                        obj=type(model_admin),
                        id="core.E001",
                    )
                )
    return errors
