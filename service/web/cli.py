"""Flask CLI commands: `flask --app service.web db upgrade | directory check | directory load`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from service import migrate
from service.backup import BackupError, create_backup, restore_backup
from service.booking.seed import parse_schedules, seed_schedules
from service.curation.load import load_curated
from service.db import session_scope
from service.directory import glossary
from service.directory.export import export_directory
from service.directory.loader import DirectoryInvalid, parse_directory
from service.reports import build_report, half_year, to_markdown
from service.reports.labels import named_report, report_names
from service.retention import purge_all
from service.web.mail_cli import mail_cli
from service.web.state import state

db_cli = AppGroup("db", help="Database schema.")
report_cli = AppGroup("report", help="Anonymous reports.")
backup_cli = AppGroup("backup", help="Backup and restore of the whole database.")
directory_cli = AppGroup("directory", help="The curated directory in directory_data/.")


def _schema_ready() -> None:
    """Refuse with a plain sentence (not a traceback) on a database `db upgrade` has not brought up to date."""
    if not migrate.is_current(state().engine):
        raise click.ClickException("the database schema is not up to date: run `flask --app service.web db upgrade`"
                                   " first (make run does it)")


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply all Alembic migrations."""
    migrate.upgrade(state().engine)
    click.echo("database schema is up to date")


def _path(path: str | None) -> Path:
    return Path(path) if path else state().settings.directory_path


def _report(exc: DirectoryInvalid) -> None:
    for problem in exc.problems:
        click.echo(f"error: {problem}", err=True)
    click.echo(f"{len(exc.problems)} problem(s); nothing was loaded", err=True)


@directory_cli.command("check")
@click.argument("path", required=False)
def directory_check(path: str | None) -> None:
    """Validate every file; exit 1 with file, entry and field of each problem."""
    try:
        data = parse_directory(_path(path))
        parse_schedules(_path(path), {slug: set(item.kitas) for slug, item in data.staff.items()})
    except DirectoryInvalid as exc:
        _report(exc)
        raise SystemExit(1) from None
    click.echo(f"ok: {len(data.entries)} entries, {len(data.kitas)} kitas, {len(data.topics)} topics")


@directory_cli.command("load")
@click.argument("path", required=False)
@click.option("--prefer-files", is_flag=True, help="Overwrite records changed in the browser since the last load.")
def directory_load(path: str | None, prefer_files: bool) -> None:
    """Validate and load everything in one transaction; browser edits since the last load are kept as conflicts."""
    _schema_ready()
    try:
        with session_scope(state().engine) as session:
            result = load_curated(session, _path(path), prefer_files=prefer_files)
            seeded = seed_schedules(session, _path(path))  # example consultation hours, into an empty database only
    except DirectoryInvalid as exc:
        _report(exc)
        raise SystemExit(1) from None
    summary = result.summary
    click.echo(f"loaded {summary.entries} entries; directory version {summary.version}")
    if seeded:
        click.echo(f"seeded {seeded} example consultation windows")
    if summary.archived:
        click.echo(f"archived (file gone): {', '.join(summary.archived)}")
    if summary.outdated:
        click.echo(f"outdated translations (German changed): {len(summary.outdated)}")
    for slug in result.kept:
        click.echo(f"kept (created or edited in the browser, no folder in the files): entry {slug}")
    for conflict in result.conflicts:
        click.echo(f"conflict: {conflict} (kept; --prefer-files overwrites)")
    for conflict in result.overwritten:
        click.echo(f"overwritten by the files: {conflict}")
    click.echo(f"conflicts: {len(result.conflicts)}")


@directory_cli.command("export")
@click.argument("path")
def directory_export(path: str) -> None:
    """Write the live directory (database) into PATH in the loader's layout."""
    _schema_ready()
    with session_scope(state().engine) as session:
        counts = export_directory(session, Path(path), seed=state().settings.directory_path)
    click.echo(f"exported {counts['entries']} entries ({counts['texts']} texts), {counts['kitas']} kitas, "
               f"{counts['pages']} pages, {counts['topics']} topics to {path}")


@directory_cli.command("glossary-check")
@click.option("--files", "files", default=None, help="Check the YAML files below this folder instead of the database.")
def directory_glossary_check(files: str | None) -> None:
    """List texts that use a variant to avoid or lack the chosen term; exit 1 when any."""
    if files:
        try:
            findings = glossary.check_files(Path(files))
        except DirectoryInvalid as exc:
            _report(exc)
            raise SystemExit(1) from None
    else:
        _schema_ready()
        with session_scope(state().engine) as session:
            findings = glossary.check_database(session)
    for finding in findings:
        click.echo(str(finding))
    click.echo(f"glossary findings: {len(findings)}", err=True)
    if findings:
        raise SystemExit(1)


@report_cli.command("halfyear")
@click.argument("year", type=int)
@click.argument("half", type=click.IntRange(1, 2))
def report_halfyear(year: int, half: int) -> None:
    """Print the half-year report (Markdown) for the youth-welfare committee."""
    _schema_ready()
    start, end = half_year(year, half)
    with session_scope(state().engine) as session:
        report = named_report(build_report(session, start, end), report_names(session, "de"))
        click.echo(to_markdown(report))


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_create(path: Path) -> None:
    """Write a consistent copy of the database to PATH (SQLite backup API; pg_dump -Fc)."""
    try:
        create_backup(state().settings.database_url, path)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written to {path} ({path.stat().st_size} bytes)")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that holds data.")
def backup_restore(path: Path, force: bool) -> None:
    """Replace the database by the backup at PATH, then run the retention purge."""
    state().engine.dispose()
    try:
        purged = restore_backup(state().settings, path, force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {path}; retention purge: " + ", ".join(f"{k} {v}" for k, v in purged.items()))


@click.command("purge")
def purge() -> None:
    """The daily retention purge: booking details, notices, feedback, audit rows, idle bot chats."""
    _schema_ready()
    with session_scope(state().engine) as session:
        purged = purge_all(session, state().settings)
    click.echo("retention purge: " + ", ".join(f"{k} {v}" for k, v in purged.items()))


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(report_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(purge)
    app.cli.add_command(directory_cli)
    app.cli.add_command(mail_cli)
