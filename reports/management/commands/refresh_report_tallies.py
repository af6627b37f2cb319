"""Recount the report tallies now (``--all``: every day), instead of on the next report."""

import time

from django.core.management.base import BaseCommand

from reports import tallies


class Command(BaseCommand):
    help = "Recount the days whose report tallies are stale (PostgreSQL; nothing to do elsewhere)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="recount every day, not only the stale ones")

    def handle(self, *args, **options):
        if not tallies.enabled():
            self.stdout.write("Reports are counted from the records on this database: nothing to do.")
            return
        if options["all"]:
            tallies.mark_everything_stale()
        start = time.perf_counter()
        days = tallies.refresh()
        self.stdout.write(f"Recounted {days} stale day(s) in {time.perf_counter() - start:.1f} s.")
