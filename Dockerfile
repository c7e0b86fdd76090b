FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# What the service runs only; the tests and the tools (requirements-dev.txt) stay out of the image.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Static files (admin, Swagger UI, Redoc) are collected at build time and served by WhiteNoise.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

# exports/ is where the export of each data version is written (a volume in docker-compose.yml).
RUN mkdir -p /app/exports && useradd --system --uid 1000 app && chown -R app /app
USER app

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_curated && exec gunicorn config.wsgi"]
