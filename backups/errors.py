class BackupError(Exception):
    """A backup or restore cannot go on; the message says why, in the user's language."""
