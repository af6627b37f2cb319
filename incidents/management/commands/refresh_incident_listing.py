"""Recompute every incident's list columns (incidents.listing), e.g. after rows were written
with the triggers disabled."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from incidents import listing


class Command(BaseCommand):
    help = "Recompute the columns the public incident list filters on (PostgreSQL; nothing elsewhere)."

    def handle(self, *args, **options):
        if not listing.enabled():
            self.stdout.write("The incident list filters with joins on this database: nothing to do.")
            return
        start = time.perf_counter()
        with transaction.atomic():
            count = listing.recompute_all()
        self.stdout.write(f"Recomputed {count} incident(s) in {time.perf_counter() - start:.1f} s.")
