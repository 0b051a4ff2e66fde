"""Every `flask --app service.web …` command the READMEs document exists and accepts its options as written.

The project's rule: every command the README documents works as written on a fresh clone. The argument parsing of
each documented command is checked without running it (fast); the README's staff account block runs for real
against the shipped directory, since its example names a social worker of directory_data/staff/.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", ROOT / "directory_data" / "README.md"]
PREFIX = "flask --app service.web "
# Placeholders the READMEs write in capitals, replaced by something that parses.
PLACEHOLDERS = {"PATH": str(ROOT / "directory_data"), "SLUG": "kindergeld", "NAME": "someone", "XX": "ar"}
BACKUP_FILE = str(ROOT / "README.md")  # `backup restore PATH` names a file


def _code(text: str) -> list[str]:
    """Code lines of fenced blocks, then inline code spans (which may wrap over a line end)."""
    pieces: list[str] = []
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    pieces += [line for block in blocks for line in block.splitlines()]
    prose = re.sub(r"^```[a-z]*\n.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    pieces += [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]
    return pieces


def documented_commands() -> list[tuple[str, list[str]]]:
    found: dict[str, tuple[str, list[str]]] = {}
    for document in DOCUMENTS:
        for piece in _code(document.read_text(encoding="utf-8")):
            for start in [m.end() for m in re.finditer(re.escape(PREFIX), piece)]:
                command = re.split(r"\s#|&&|\|\||;|\||`", piece[start:])[0]
                command = re.sub(r"\$\([^)]*\)", "X", command)             # $(date +%F) in a cron line
                command = re.sub(r"\[([^\]]*)\]", r"\1", command)           # [--files PATH] -> --files PATH
                words = [PLACEHOLDERS.get(w, w) for w in shlex.split(command) if w not in ("...", "…")]
                if words[:1] == ["backup"]:
                    words = [BACKUP_FILE if w == PLACEHOLDERS["PATH"] else w for w in words]
                if words:
                    found.setdefault(" ".join(words), (document.name, words))
    return sorted(found.values(), key=lambda item: item[1])


COMMANDS = documented_commands()


def test_the_readmes_document_commands() -> None:
    groups = {words[0] for _, words in COMMANDS}
    assert {"db", "directory", "staff", "booking", "report", "mail", "purge", "backup"} <= groups


@pytest.mark.parametrize(("document", "words"), COMMANDS,
                         ids=[" ".join(w).replace(f"{ROOT}/", "") for _, w in COMMANDS])
def test_documented_command_parses(document: str, words: list[str]) -> None:
    from service.config import Settings
    from service.web import create_app

    app = create_app(Settings(database_url="sqlite://", testing=True, secret_key="test-secret"))
    command: click.Command | None = app.cli
    path: list[str] = []
    rest = list(words)
    with app.app_context():
        while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
            name = rest.pop(0)
            ctx = click.Context(command, info_name=" ".join(path) or "flask")
            command = command.get_command(ctx, name)
            path.append(name)
            assert command is not None, f"{document}: `flask {' '.join(words)}`: no command {' '.join(path)!r}"
        assert not isinstance(command, click.Group), f"{document}: `flask {' '.join(words)}` names only a group"
        try:
            command.make_context(" ".join(path), rest, resilient_parsing=False)
        except click.UsageError as error:
            pytest.fail(f"{document}: `flask {' '.join(words)}`: {error.format_message()}")


def test_the_staff_block_runs_as_written(app, loaded, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", "correct horse battery")
    staff = [words for _, words in COMMANDS if words[0] == "staff"]
    assert [w[1] for w in staff if w[1] == "create-user"], "the README shows how to create an account"
    # In the README's order: accounts first, then the commands that act on them.
    order = {"create-user": 0, "set-password": 1, "set-role": 2, "deactivate": 3, "list": 4}
    runner = app.test_cli_runner()
    for words in sorted(staff, key=lambda w: order.get(w[1], 9)):
        result = runner.invoke(args=words)
        assert result.exit_code == 0, f"`flask {' '.join(words)}`: {result.output}"


def test_commands_on_a_database_never_upgraded_say_what_to_do(tmp_path: Path) -> None:
    from service.config import Settings
    from service.web import create_app

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/fresh.db", testing=True, secret_key="test-secret"))
    runner = app.test_cli_runner()
    with app.app_context():  # `flask` pushes one for every command; the test runner only for AppGroup commands
        for words in (["directory", "load"], ["purge"], ["report", "halfyear", "2026", "2"]):
            result = runner.invoke(args=words)
            assert result.exit_code == 1 and "db upgrade" in result.output, (words, result.output)
            assert isinstance(result.exception, SystemExit), result.exception  # a sentence, not a traceback
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert runner.invoke(args=["purge"]).exit_code == 0
