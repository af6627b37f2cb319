"""Re-encrypt every encrypted field with the newest key of FIELD_ENCRYPTION_KEYS, or (--check)
list the tokens that the configured keys cannot decrypt."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import crypto
from core.fields import StoredToken, encrypted_fields, stored_tokens

BATCH = 500


def encrypted_models():
    """Every model with an encrypted field, with those fields' names (found by the field class)."""
    for model in apps.get_models():
        names = [field.name for field in encrypted_fields(model)]
        if names:
            yield model, names


def token_rows(model, names):
    """``(pk, token, ...)`` for every row, as stored, in batches by primary key."""
    last = None
    while True:
        rows = model._base_manager.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        batch = stored_tokens(rows[:BATCH], names)
        if not batch:
            return
        yield from batch
        last = batch[-1][0]


class Command(BaseCommand):
    help = (
        "Re-encrypt witness identities under the newest key (the first of FIELD_ENCRYPTION_KEYS). "
        "Run it after putting a new key in front; then the old keys can be removed. "
        "With --check, change nothing: list the values the configured keys cannot decrypt "
        "(model, id, field) and exit non-zero when there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only list the values that cannot be decrypted; exit non-zero when there are any.",
        )

    def handle(self, *args, check=False, **options):
        if check:
            return self.check_tokens()
        rotated = 0
        # Tokens are rotated as tokens: the plaintext never leaves the cryptography library.
        with transaction.atomic():
            for model, names in encrypted_models():
                for pk, *tokens in token_rows(model, names):
                    try:
                        pairs = zip(names, tokens, strict=True)
                        new = {name: StoredToken(crypto.rotate(token)) for name, token in pairs if token}
                    except Exception as exc:
                        raise CommandError(
                            f"{model._meta.label} #{pk} cannot be decrypted with the configured keys; "
                            "nothing was changed. `rotate_field_keys --check` lists every such value."
                        ) from exc
                    if new:
                        model._base_manager.filter(pk=pk).update(**new)
                    rotated += 1
        self.stdout.write(f"Re-encrypted {rotated} record(s) with the newest key.")

    def check_tokens(self):
        unreadable = []
        for model, names in encrypted_models():
            for pk, *tokens in token_rows(model, names):
                for name, token in zip(names, tokens, strict=True):
                    if token and not crypto.readable(token):
                        unreadable.append((model._meta.label, pk, name))
        for label, pk, name in unreadable:
            self.stdout.write(f"{label}\t{pk}\t{name}")
        if unreadable:
            raise CommandError(
                f"{len(unreadable)} value(s) cannot be decrypted with the configured keys "
                "(listed above as model, id, field)."
            )
        self.stdout.write("Every encrypted value can be decrypted with the configured keys.")
