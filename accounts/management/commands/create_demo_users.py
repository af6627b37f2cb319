"""Create (or refresh) the demo back-office accounts and print their credentials."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# username -> (working group, environment variable holding the password)
DEMO_USERS = {
    "documenter": ("Documenter", "DEMO_DOCUMENTER_PASSWORD"),
    "reviewer": ("Reviewer", "DEMO_REVIEWER_PASSWORD"),
}
DEFAULT_ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = (
        "Create the staff users 'documenter' (group Documenter) and 'reviewer' (group Reviewer). "
        "Passwords come from DEMO_DOCUMENTER_PASSWORD / DEMO_REVIEWER_PASSWORD, or are generated; "
        "they are reset on every run and printed. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL, help="URL printed for logging in.")

    def handle(self, *args, force: bool = False, admin_url: str = DEFAULT_ADMIN_URL, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with known passwords while DEBUG is off; "
                "pass --force if this really is a demo server."
            )
        credentials = self.create_users()
        self.stdout.write(f"Back office: {admin_url}")
        for username, (group, password) in credentials.items():
            self.stdout.write(f"  {group:<11} user: {username:<11} password: {password}")

    @transaction.atomic
    def create_users(self) -> dict[str, tuple[str, str]]:
        user_model = get_user_model()
        credentials = {}
        for username, (group_name, env_var) in DEMO_USERS.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                raise CommandError(f"Group {group_name!r} is missing; run `manage.py migrate` first.")
            password = os.environ.get(env_var, "").strip() or secrets.token_urlsafe(12)
            user, _ = user_model.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.add(group)
            credentials[username] = (group_name, password)
        return credentials
