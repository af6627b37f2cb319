# The app under gunicorn with production settings; docker-compose.yml runs it
# beside PostgreSQL. Secrets come from the environment at run time, never here.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

WORKDIR /app

# gettext compiles the Arabic catalogue (locale/); the .mo files are built here. postgresql-client
# gives `manage.py backup` / `restore` their pg_dump and pg_restore (Debian bookworm's are version 15,
# the db service's major version: pg_dump must be the server's version or newer).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

RUN DJANGO_SETTINGS_MODULE=config.settings.base \
    python manage.py compilemessages -l ar --ignore=staticfiles

# Production settings refuse to load without secrets. collectstatic reads no
# secret, so these placeholders exist for this build step only and are not
# kept in the image's environment.
RUN DJANGO_SECRET_KEY=build-only-placeholder-not-a-secret \
    FIELD_ENCRYPTION_KEYS=build-only-placeholder-not-a-key \
    python manage.py collectstatic --noinput

# The media and backup folders exist and belong to the app user before named volumes are
# mounted on them, so a new volume starts writable for that user.
RUN groupadd --system --gid 10001 app \
    && useradd --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /data/media /data/backups \
    && chown app:app /data/media /data/backups
USER 10001:10001

EXPOSE 8000
CMD ["bin/start-web"]
