"""The review workflow in the admin: submit / verify / publish / retract as actions, and reviewed
records read-only (with their inline rows) for users who may not publish.

Status only moves through the workflow actions, which call ``incidents.services``.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .services import is_locked_for


class RetractionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the retraction"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Kept with the record and in its history."),
    )


class WorkflowAdminMixin:
    """Submit / verify / publish / retract as admin actions guarded by the workflow permissions."""

    actions = ["submit_selected", "verify_selected", "publish_selected", "retract_selected"]
    workflow_readonly_fields = ("status", "retraction_reason")
    retraction_template = "admin/workflow_retraction_confirmation.html"

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]
        if obj is not None and obj.code:
            fields.append("code")
        return fields

    def has_change_permission(self, request, obj=None):
        if is_locked_for(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def _may(self, request, step) -> bool:
        return services.can(request.user, step, self.model)

    def has_submit_permission(self, request):
        return self._may(request, services.SUBMIT)

    def has_verify_permission(self, request):
        return self._may(request, services.VERIFY)

    def has_publish_permission(self, request):
        return self._may(request, services.PUBLISH)

    def has_retract_permission(self, request):
        return self._may(request, services.RETRACT)

    def run_step(self, request, queryset, step, reason: str = "") -> None:
        """Apply ``step`` to each record and report the outcome record by record."""
        for record in queryset:
            try:
                services.transition(record=record, step=step, user=request.user, reason=reason)
            except (PermissionDenied, ValidationError) as exc:
                detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"{record}: {detail}", messages.ERROR)
            else:
                self.log_change(request, record, step.action)
                self.message_user(
                    request,
                    gettext("%(record)s is now %(status)s.")
                    % {"record": record, "status": record.get_status_display().lower()},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Submit for review"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self.run_step(request, queryset, services.SUBMIT)

    @admin.action(description=_("Verify"), permissions=["verify"])
    def verify_selected(self, request, queryset):
        self.run_step(request, queryset, services.VERIFY)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.run_step(request, queryset, services.PUBLISH)

    @admin.action(description=_("Retract…"), permissions=["retract"])
    def retract_selected(self, request, queryset):
        """Ask for a reason on a confirmation page, like Django's delete confirmation."""
        form = RetractionForm(request.POST if "confirm_retraction" in request.POST else None)
        if form.is_valid():
            self.run_step(request, queryset, services.RETRACT, reason=form.cleaned_data["reason"])
            return None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Retract %(records)s") % {"records": opts.verbose_name_plural},
            "opts": opts,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": "retract_selected",
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.retraction_template, context)


class LockedInlineMixin:
    """Inline rows of an incident freeze with it; ``obj`` is the parent incident."""

    def has_add_permission(self, request, obj=None):
        return not is_locked_for(request.user, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_locked_for(request.user, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked_for(request.user, obj) and super().has_delete_permission(request, obj)


class LockedWithIncidentMixin:
    """A row edited on its own page freezes with its incident, and cannot be added to a reviewed one."""

    def has_change_permission(self, request, obj=None):
        incident = obj.incident if obj is not None else None
        return not is_locked_for(request.user, incident) and super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        user = request.user

        class IncidentLockForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                if is_locked_for(user, cleaned_data.get("incident")):
                    self.add_error(
                        "incident",
                        gettext("This incident has been reviewed; only a reviewer may add to it."),
                    )
                return cleaned_data

        return IncidentLockForm
