"""Load the demo data (SNHR monthly report, January 2018); running it again changes nothing."""

from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data built from SNHR's January 2018 report on attacks on medical and "
        "civil defence personnel and facilities. Idempotent: rows are matched on their codes."
    )

    def handle(self, *args, **options):
        tally = load_demo()
        self.stdout.write(
            f"Demo data (SNHR, January 2018): {tally['created']} created, "
            f"{tally['updated']} updated, {tally['unchanged']} unchanged."
        )
