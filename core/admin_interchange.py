"""Spreadsheet import and export in the admin, on django-import-export's ``ImportExportMixin``.

An app's ModelAdmin names its resource (``interchange_resource = "incidents.resources.IncidentResource"``)
and gets Import and Export buttons for users holding the model's ``import_<model>`` /
``export_<model>`` permission (the Data manager group). Import reads the file through
``core.interchange``, previews a dry run and saves nothing until confirmed; a file with any problem
is refused with a table of every problem. Export streams the filtered change list.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import TablibFormat
from import_export.forms import ExportForm, ImportForm
from import_export.signals import post_export

from core import interchange
from core.import_files import ImportFileGone, ImportFileStorage


class InterchangeFormat(TablibFormat):
    """A tablib format (its title and extension) read by ``core.interchange``, as bytes: it decodes,
    and refuses what is not UTF-8, itself."""

    def create_dataset(self, in_stream):
        return interchange.read_table(in_stream, self.get_title())

    def get_content_type(self):
        return interchange.CONTENT_TYPES[self.get_title()]


FORMATS = [
    type(f"{fmt.upper()}Format", (InterchangeFormat,), {"TABLIB_MODULE": f"tablib.formats._{fmt}"})
    for fmt in interchange.FORMATS
]


class InterchangeImportForm(ImportForm):
    def clean_import_file(self):  # before the upload is read
        try:
            interchange.check_size(self.cleaned_data["import_file"].size)
        except interchange.InterchangeFileError as exc:
            raise ValidationError(str(exc)) from None
        return self.cleaned_data["import_file"]


def forget_copy(form) -> None:
    """Delete the preview's copy of the uploaded file (``core.import_files``), if it was made."""
    name = getattr((form.cleaned_data or {}).get("import_file"), "tmp_storage_name", None)
    if name:
        ImportFileStorage(name=name).remove()


class InterchangeAdminMixin(ImportExportMixin):
    """Import and export buttons wired to one interchange resource; see the module docstring."""

    #: The resource class's dotted path.
    interchange_resource = ""
    import_template_name = "interchange/admin_import.html"
    import_form_class = InterchangeImportForm
    export_form_class = ExportForm  # the interchange columns are fixed: no choosing of fields
    formats = FORMATS
    tmp_storage_class = ImportFileStorage

    def get_resource_classes(self, request):
        return [import_string(self.interchange_resource)]

    def get_import_context_data(self, **kwargs):  # the columns, limits and preview length
        return {"interchange": interchange, "interchange_resource": self.get_resource_classes(None)[0]()}

    def import_action(self, request, **kwargs):
        """The preview. A preview that cannot be confirmed (the file has problems) keeps no copy."""
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        if "result" in context and "confirm_form" not in context and form is not None:
            forget_copy(form)
        return response

    def process_import(self, request, **kwargs):
        """The confirmation; a preview confirmed twice (a double click) or left past
        ``IMPORT_PREVIEW_HOURS`` says so instead of failing."""
        try:
            return super().process_import(request, **kwargs)
        except ImportFileGone:
            messages.error(
                request,
                _(
                    "This preview was already imported or has expired: nothing was imported. "
                    "Upload the file again."
                ),
            )
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")

    def add_data_read_fail_error_to_form(self, form, e):
        forget_copy(form)  # an unreadable file keeps no copy
        if not isinstance(e, interchange.InterchangeFileError):
            return super().add_data_read_fail_error_to_form(form, e)
        for problem in e.problems[:100]:
            form.add_error("import_file", str(problem))

    def add_success_message(self, result, request):
        """The import's own summary, the one the command prints (the library's is not translated)."""
        messages.success(request, result.summary(str(self.model._meta.verbose_name_plural)))

    def process_result(self, result, request):
        """The confirmed import; should the data have changed since the preview, say why nothing was saved."""
        if not result.problems:
            return super().process_result(result, request)
        messages.error(request, _("Nothing was imported: the file no longer passes the checks."))
        context = self.admin_site.each_context(request) | self.get_import_context_data()
        context |= {"title": _("Import"), "form": self.create_import_form(request), "opts": self.model._meta}
        context |= {"result": result, "import_error_display": self.import_error_display}
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def export_action(self, request):
        """The library's export page; the file itself is streamed, never built in memory."""
        formats, resources = self.get_export_formats(), self.get_export_resource_classes(request)
        form = ExportForm(formats, resources, data=request.POST or None)
        if not (self.has_export_permission(request) and form.is_valid()):
            return super().export_action(request)  # the form, or the refusal
        file_format, queryset = formats[int(form.cleaned_data["format"])](), self.get_export_queryset(request)
        chunks = interchange.stream(file_format.get_title(), *interchange.export_rows(resources[0], queryset))
        response = StreamingHttpResponse(chunks, content_type=file_format.get_content_type())
        filename = self.get_export_filename(request, queryset, file_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        post_export.send(sender=None, model=self.model)
        return response
