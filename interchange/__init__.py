"""The spreadsheet interchange's commands: at the top of the apps, it may use every app's resources.

The building blocks (strict widgets, the base resource, safe file reading, the admin mixin)
are domain-free and live in ``core``; each app's ``resources.py`` declares its columns.
"""
