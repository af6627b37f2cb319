"""Every field of the project's models has a verbose name marked for translation: a field without
one is labelled with its English name ("created by") in the Arabic back office, in its forms,
filters, read-only fields and error messages, whatever the catalogue holds.

The catalogue test (``test_catalogue.py``) then makes sure each of these names is translated."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges

from tests.html import parse


def project_models() -> list[type[models.Model]]:
    """The models of the project's own apps. Not the history models: they copy the fields of
    the models they keep (checked there), and django-simple-history names the rest."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base not in path.parents or ".venv" in path.parts:
            continue
        found += [model for model in config.get_models() if not issubclass(model, HistoricalChanges)]
    return found


def lacks_verbose_name(field: models.Field) -> bool:
    """Whether ``field``'s label is Django's default, its name with spaces (or any text not marked
    for translation)."""
    return not isinstance(field.verbose_name, Promise)


def unnamed_fields() -> list[str]:
    return [
        f"{model._meta.label}.{field.name}"
        for model in project_models()
        for field in model._meta.concrete_fields
        if not field.auto_created and lacks_verbose_name(field)
    ]


def test_the_check_sees_a_field_without_a_verbose_name():
    unnamed = models.ForeignKey(get_user_model(), on_delete=models.PROTECT)
    unnamed.set_attributes_from_name("created_by")
    named = models.ForeignKey(get_user_model(), on_delete=models.PROTECT, verbose_name=_("created by"))
    named.set_attributes_from_name("created_by")
    untranslated = models.CharField("created by", max_length=10)
    untranslated.set_attributes_from_name("created_by")
    assert unnamed.verbose_name == "created by" and lacks_verbose_name(unnamed)
    assert lacks_verbose_name(untranslated)
    assert not lacks_verbose_name(named)


def test_the_check_reads_the_projects_models():
    labels = {model._meta.label for model in project_models()}
    assert {"incidents.Incident", "victims.Victim", "facilities.Place", "incidents.NameWord"} <= labels
    assert not any(label.split(".")[1].startswith("Historical") for label in labels)
    assert not any(label.startswith(("auth.", "axes.", "otp_totp.")) for label in labels)


def test_every_field_has_a_translatable_verbose_name():
    assert unnamed_fields() == []


@pytest.mark.django_db
def test_the_arabic_incident_form_labels_no_field_by_its_english_name(client, superuser):
    """What the walk protects, on the largest form of the back office."""
    client.force_login(superuser)
    page = parse(client.get("/ar/admin/incidents/incident/add/").content)
    labels = [label.text.rstrip(":").strip().lower() for label in page.find_all("label")]
    english = {field.name.replace("_", " ") for field in apps.get_model("incidents", "Incident")._meta.fields}
    assert labels and not english & set(labels)
