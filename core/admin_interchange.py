"""Spreadsheet import and export in the admin, for any ModelAdmin with an interchange resource.

Usage (in an app's admin.py)::

    from core.admin_interchange import InterchangeAdminMixin

    class IncidentAdmin(InterchangeAdminMixin, WorkflowAdminMixin, AuditedAdmin):
        interchange_resource = "incidents.resources.IncidentResource"

The change list then has Import and Export buttons for users holding the
model's ``import_<model>`` / ``export_<model>`` permission (the Data manager
group); everyone else gets 403 on those pages.

* Import: CSV, XLSX or JSON. The file is checked in a dry run (one
  transaction, rolled back) and a preview shows what would be created,
  updated or left unchanged; nothing is saved until "Confirm import". If any
  row is refused, nothing is imported and a table lists every problem with
  its line, column, value and reason.
* Export: the change list as filtered, in the interchange columns, streamed
  (CSV, JSON) or written in openpyxl's write-only mode to a temporary file
  (XLSX); every cell is escaped against formula injection.
"""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import Format
from import_export.forms import ExportForm, ImportForm
from import_export.signals import post_export

from core import interchange


class InterchangeFormat(Format):
    """A file format read and written by ``core.interchange`` (strict UTF-8, limits, escaping)."""

    key = "csv"

    def __init__(self, encoding=None):
        self.encoding = encoding

    def get_title(self):
        return self.key

    def create_dataset(self, in_stream):
        data = in_stream if isinstance(in_stream, bytes) else str(in_stream).encode("utf-8")
        return interchange.read_table(data, self.key)

    def export_data(self, dataset, **kwargs):
        out = io.BytesIO()
        interchange.write_file(self.key, list(dataset.headers), (list(r) for r in dataset), out)
        return out.getvalue()

    def is_binary(self):
        # Read as bytes so that core.interchange decodes (and refuses non-UTF-8) itself.
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return self.key

    def get_content_type(self):
        return interchange.CONTENT_TYPES[self.key]

    def can_import(self):
        return True

    def can_export(self):
        return True


class CSVFormat(InterchangeFormat):
    key = "csv"


class XLSXFormat(InterchangeFormat):
    key = "xlsx"


class JSONFormat(InterchangeFormat):
    key = "json"


INTERCHANGE_FORMATS = [CSVFormat, XLSXFormat, JSONFormat]


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
    # The interchange format has fixed columns: no picking of fields on export.
    export_form_class = ExportForm

    def get_resource_classes(self, request):
        resource = self.interchange_resource
        if resource is None:
            raise NotImplementedError(f"{type(self).__name__} needs interchange_resource")
        return [import_string(resource) if isinstance(resource, str) else resource]

    def get_import_formats(self):
        return list(INTERCHANGE_FORMATS)

    def get_export_formats(self):
        return list(INTERCHANGE_FORMATS)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {}

    def get_import_context_data(self, **kwargs):
        resource = self.get_resource_classes(None)[0]
        return {
            "interchange_columns": resource.columns,
            "interchange_max_mb": interchange.MAX_FILE_MB,
            "interchange_max_rows": interchange.MAX_ROWS,
            "interchange_preview_rows": resource.PREVIEW_ROWS,
            "interchange_preview_slice": f":{resource.PREVIEW_ROWS}",
        }

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, interchange.InterchangeFileError):
            for problem in e.problems[:100]:
                form.add_error("import_file", str(problem))
            return
        super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        """The confirmed import; should the data have changed since the preview, say why nothing was saved."""
        problems = getattr(result, "problems", [])
        if problems:
            messages.error(request, _("Nothing was imported: the file no longer passes the checks."))
            context = {
                **self.admin_site.each_context(request),
                **self.get_import_context_data(),
                "title": _("Import"),
                "form": self.create_import_form(request),
                "opts": self.model._meta,
                "result": result,
                "import_error_display": self.import_error_display,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """Stream the export instead of building it in memory."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.choose_export_resource_class(export_form, request)
        headers, rows = interchange.export_rows(resource_class, queryset)
        filename = self.get_export_filename(request, queryset, file_format)
        key = file_format.get_extension()
        if key == "xlsx":
            response = FileResponse(
                interchange.spool_xlsx(headers, rows),
                as_attachment=True,
                filename=filename,
                content_type=interchange.CONTENT_TYPES[key],
            )
        else:
            chunks = (
                interchange.iter_json(headers, rows) if key == "json" else interchange.iter_csv(headers, rows)
            )
            response = StreamingHttpResponse(chunks, content_type=interchange.CONTENT_TYPES[key])
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        post_export.send(sender=None, model=self.model)
        return response
