"""Spreadsheet import and export in the admin, on django-import-export's ``ImportExportMixin``.

An app's ModelAdmin names its resource (``interchange_resource = "incidents.resources.IncidentResource"``)
and gets Import and Export buttons for users holding the model's ``import_<model>`` /
``export_<model>`` permission (the Data manager group). Import reads CSV, XLSX or JSON through
``core.interchange`` (strict UTF-8, limits), previews a dry run, and saves nothing until confirmed;
a file with any problem is refused with a table of every problem. Export streams the filtered
change list in the interchange columns, every cell escaped against formula injection.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import Format
from import_export.forms import ExportForm, ImportForm
from import_export.signals import post_export

from core import interchange


class InterchangeFormat(Format):
    """A file format read and written by ``core.interchange``; read as bytes (the library's
    ``Format`` is binary), so that it decodes (and refuses what is not UTF-8) itself."""

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return self.key

    get_extension = get_title

    def create_dataset(self, in_stream):
        return interchange.read_table(in_stream, self.key)

    def get_content_type(self):
        return interchange.CONTENT_TYPES[self.key]

    def can_import(self):
        return True

    can_export = can_import


FORMATS = [type(f"{key.upper()}Format", (InterchangeFormat,), {"key": key}) for key in interchange.FORMATS]


class InterchangeImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            interchange.check_size(upload.size)
        except interchange.InterchangeFileError as exc:
            raise ValidationError(str(exc)) from None
        return upload


class InterchangeAdminMixin(ImportExportMixin):
    """Import and export buttons wired to one interchange resource; see the module docstring."""

    #: The resource class, or its dotted path.
    interchange_resource = None
    import_template_name = "interchange/admin_import.html"
    import_form_class = InterchangeImportForm
    export_form_class = ExportForm  # the interchange columns are fixed: no choosing of fields
    formats = FORMATS

    def get_resource_classes(self, request):
        resource = self.interchange_resource
        return [import_string(resource) if isinstance(resource, str) else resource]

    def get_import_context_data(self, **kwargs):
        resource = self.get_resource_classes(None)[0]()
        return {
            "interchange_columns": resource.get_export_headers(),
            "interchange_max_mb": interchange.MAX_FILE_MB,
            "interchange_max_rows": interchange.MAX_ROWS,
            "interchange_preview_rows": resource.PREVIEW_ROWS,
            "interchange_preview_slice": f":{resource.PREVIEW_ROWS}",
        }

    def add_data_read_fail_error_to_form(self, form, e):
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
        file_format = formats[int(form.cleaned_data["format"])]()
        queryset = self.get_export_queryset(request)
        headers, rows = interchange.export_rows(resources[0], queryset)
        chunks = interchange.stream(file_format.key, headers, rows)
        response = StreamingHttpResponse(chunks, content_type=file_format.get_content_type())
        filename = self.get_export_filename(request, queryset, file_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        post_export.send(sender=None, model=self.model)
        return response
