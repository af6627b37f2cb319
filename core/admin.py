"""Admin building blocks shared by the apps: audited history, the review workflow, place filters.

The back office is Django's admin. Status only moves through the workflow
actions, which call ``incidents.services``; reviewed records are read-only for
users who may not publish.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.estimated_count import EstimatedCountPaginator
from facilities.models import Place
from incidents import services
from incidents.choices import REVIEWED_STATUSES


def is_locked_for(user, record) -> bool:
    """True when ``record`` has been reviewed and ``user`` may not publish it."""
    return (
        record is not None
        and record.status in REVIEWED_STATUSES
        and not user.has_perm(services.permission_for(services.PUBLISH, record))
    )


def admin_link(record, text=None) -> str:
    """An HTML link to ``record``'s admin change page."""
    if record is None:
        return "-"
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return format_html('<a href="{}">{}</a>', url, text if text is not None else str(record))


class AuditedAdmin(SimpleHistoryAdmin):
    """Every change is kept and viewable; history is never reverted from the admin.

    Reverting would restore an old status (a published record back to draft)
    or retracted content without passing through the workflow.

    Change lists page with the table's estimated size instead of COUNT(*)
    when unfiltered (core.estimated_count).
    """

    paginator = EstimatedCountPaginator

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


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


class GovernorateFilter(admin.SimpleListFilter):
    """Records in a governorate (Place level admin1) or anywhere below it."""

    title = _("governorate")
    parameter_name = "governorate"
    place_field = "place"

    def lookups(self, request, model_admin):
        return list(Place.objects.governorates().values_list("pk", "name"))

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        place = Place.objects.filter(pk=self.value()).first()
        if place is None:
            return queryset.none()
        return self.within(queryset, place)

    def within(self, queryset, place):
        return queryset.filter(**{f"{self.place_field}__path__startswith": place.path})
