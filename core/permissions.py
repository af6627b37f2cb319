"""Custom permission codes shared by the models."""

from django.utils.translation import gettext_lazy as _


def interchange_permissions(model_name: str) -> list[tuple[str, str]]:
    """Spreadsheet import/export rights (django-import-export's permission codes)."""
    return [
        (f"import_{model_name}", _("Can import from a spreadsheet")),
        (f"export_{model_name}", _("Can export to a spreadsheet")),
    ]


WORKFLOW_ACTIONS = [
    ("submit", _("Can submit for review")),
    ("verify", _("Can verify")),
    ("publish", _("Can publish")),
    ("retract", _("Can retract")),
]


def workflow_permissions(model_name: str) -> list[tuple[str, str]]:
    """Review workflow rights: submit, verify, publish, retract."""
    return [(f"{action}_{model_name}", label) for action, label in WORKFLOW_ACTIONS]


def permission_name(action: str, model) -> str:
    """The full name ``<app>.<action>_<model>`` of a right, for a model or a record."""
    meta = model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def publish_permission(model_name: str) -> tuple[str, str]:
    """The right to publish a record and to change it once public (reviewers)."""
    return (f"publish_{model_name}", _("Can publish"))
