"""System checks, migrations that match the models, and the production settings' refusals
(the linters: `make lint`)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LONG_KEY = "k7#Qv9!mZp2$wL4xR8nB1cT6yH3jF5sD0gA-uE+oI*eW&rY^tU@qP%zX"  # 56 characters
PRODUCTION_ENV = {
    "SECRET_KEY": LONG_KEY,
    "ALLOWED_HOSTS": "ospod.example.cz",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "WAGTAILADMIN_BASE_URL": "https://ospod.example.cz",
}
SETTINGS_VARIABLES = (
    *PRODUCTION_ENV,
    "DJANGO_SETTINGS_MODULE",
    "CSRF_TRUSTED_ORIGINS",
    "REDIS_URL",
    "SEARCH_BACKEND",
    "TEST_DATABASE_URL",
)


def run(args, env=None, timeout=300):
    return subprocess.run(
        args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def clean_env(**variables):
    """This process's environment without any settings variable, plus `variables`."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(variables)
    return env


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    """A model edited without `makemigrations` would leave the databases behind the code."""
    out = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out)
    except SystemExit:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}")


def start_production(**variables):
    """Load the production settings in a fresh interpreter, as the WSGI server would."""
    return run(
        [PYTHON, "-c", "import django; django.setup()"],
        env=clean_env(DJANGO_SETTINGS_MODULE="portal.settings.production", **variables),
        timeout=120,
    )


def test_production_starts_with_a_complete_environment():
    result = start_production(**PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_production_deploy_checks_pass():
    result = run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean_env(DJANGO_SETTINGS_MODULE="portal.settings.production", **PRODUCTION_ENV),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "Set the SECRET_KEY environment variable."),
        ("DATABASE_URL", "Set the DATABASE_URL environment variable."),
        ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS"),
        ("WAGTAILADMIN_BASE_URL", "Set the WAGTAILADMIN_BASE_URL environment variable."),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    variables = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = start_production(**variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "",
        "short-but-random-Zq81",
        "dev-" + "x" * 60,
        "test-" + "y" * 60,
        "change-me-" + "z" * 50,
        "django-insecure-" + "a1b2c3d4e5" * 5,
    ],
    ids=["empty", "short", "dev", "test", "change-me", "django-insecure"],
)
def test_production_refuses_a_weak_secret_key(key):
    result = start_production(**{**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0, f"Production started with SECRET_KEY={key!r}"
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
