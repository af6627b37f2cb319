"""Error reports that never carry a witness's identity.

Django's debug page and error e-mails show POST data and local variables.
This filter blanks every field and variable named like an identity field,
whatever the form prefix (``witness_accounts-0-real_name``), on every view.
"""

import re

from django.views.debug import SafeExceptionReporterFilter

IDENTITY_NAMES = re.compile(r"(^|[-_.])(real_name|contact|reveal_reason)$", re.IGNORECASE)


class IdentityRedactingFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|ENCRYPTION|DATABASE_URL", flags=re.IGNORECASE
    )

    def get_post_parameters(self, request):
        params = super().get_post_parameters(request)
        if not params:
            return params
        params = params.copy()
        for key in params:
            if IDENTITY_NAMES.search(key):
                params[key] = self.cleansed_substitute
        return params

    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, self.cleansed_substitute if IDENTITY_NAMES.search(name) else value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]
