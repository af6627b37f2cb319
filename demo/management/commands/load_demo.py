"""Load the demo data (SNHR monthly report, January 2018, and the incidents 2019 news articles
name); running it again changes nothing."""

from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data built from SNHR's January 2018 report on attacks on medical and "
        "civil defence personnel and facilities, and the incidents that 2019 news articles quoting "
        "SNHR name. Idempotent: rows are matched on their codes."
    )

    def handle(self, *args, **options):
        tally = load_demo()
        self.stdout.write(
            f"Demo data (SNHR, January 2018; news articles, 2019): {tally['created']} created, "
            f"{tally['updated']} updated, {tally['unchanged']} unchanged."
        )
