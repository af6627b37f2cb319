"""Re-encrypt every encrypted field with the newest key of FIELD_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core import crypto
from core.fields import EncryptedTextField
from incidents.models import WitnessAccount

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt witness identities under the newest key (the first of FIELD_ENCRYPTION_KEYS). "
        "Run it after putting a new key in front; then the old keys can be removed."
    )

    def handle(self, *args, **options):
        model = WitnessAccount
        columns = [f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        table, qn = model._meta.db_table, connection.ops.quote_name
        select = (
            f"SELECT id, {', '.join(qn(c) for c in columns)} FROM {qn(table)} "  # noqa: S608
            f"WHERE id > %s ORDER BY id LIMIT {BATCH}"
        )
        assignments = ", ".join(f"{qn(c)} = %s" for c in columns)
        update = f"UPDATE {qn(table)} SET {assignments} WHERE id = %s"  # noqa: S608
        rotated = 0
        # Tokens are rotated as tokens: the plaintext never leaves the cryptography library.
        last_id = 0
        with transaction.atomic(), connection.cursor() as cursor:
            while True:
                cursor.execute(select, [last_id])
                rows = cursor.fetchall()
                if not rows:
                    break
                for pk, *tokens in rows:
                    try:
                        new = [crypto.rotate(t) if t else t for t in tokens]
                    except Exception as exc:
                        raise CommandError(
                            f"Witness account #{pk} cannot be decrypted with the configured keys; "
                            "nothing was changed."
                        ) from exc
                    cursor.execute(update, [*new, pk])
                    rotated += 1
                    last_id = pk
        self.stdout.write(f"Re-encrypted {rotated} witness account(s) with the newest key.")
