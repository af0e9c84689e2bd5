"""`ccpa serve`, `ccpa users add`, `ccpa audit verify|head|rotate-key`, `ccpa review import|export`:
the review app."""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ccpa_readiness.cli.app import app, audit_app, command_group, console, err_console, users_app
from ccpa_readiness.cli.input_errors import exit_on_input_error
from ccpa_readiness.cli.output import FormatOption, OutputFormat, messages, print_json
from ccpa_readiness.errors import InputError
from ccpa_readiness.evidence.common.guard import ReadError, check_sqlite_file
from ccpa_readiness.review import export

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) is loaded by the commands that use it
    from ccpa_readiness.review.audit import Verification
    from ccpa_readiness.review.database import Database

review_app = command_group("Review versions: import `out/`, export the sign-off record.")
app.add_typer(review_app, name="review")

Workspace = Annotated[Path, typer.Argument(help="the workspace folder", file_okay=False)]
DbUrl = Annotated[
    str | None,
    typer.Option("--db", help="store URL; default sqlite at DIR/.ccpa/review.db", show_default=False),
]
CLI_ACTOR = "cli"
ORGANIZATION_FILE = "ccpa.yaml"  # what makes a folder a workspace (workspace.loader.ORGANIZATION_FILE)


@contextmanager
def store_errors() -> Iterator[None]:
    """A store that cannot be reached, opened or keyed: its name and why, exit 2, no traceback."""
    from sqlalchemy.exc import DBAPIError

    from ccpa_readiness.review.audit_key import AuditKeyError
    from ccpa_readiness.review.database import StoreUnavailable

    try:
        yield
    except (StoreUnavailable, AuditKeyError) as error:
        err_console.print(f"[bold red]error[/]: {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except DBAPIError as error:
        reason = " ".join(str(getattr(error, "orig", None) or error).split())[:300]
        err_console.print(f"[bold red]error[/]: the review store failed: {reason}", highlight=False)
        raise typer.Exit(2) from None


def open_store(workspace: Path, db: str | None) -> Database:
    """The store, migrated; exits 2 naming it when it cannot be opened (call inside `store_errors`)."""
    from ccpa_readiness.review.database import Database, default_url

    with exit_on_input_error():
        refuse_non_sqlite(db)
    store = Database(db or default_url(workspace), workspace=workspace)
    store.upgrade()
    return store


def _sqlite_path(db: str | None) -> Path | None:
    if db is None or not db.startswith("sqlite:///"):
        return None
    return Path(db.removeprefix("sqlite:///").split("?", 1)[0])


def open_existing_store(workspace: Path, db: str | None) -> Database:
    """The store for a command that only reads it: a SQLite store that does not exist is an error
    naming it (exit 2), never a new empty store."""
    path = workspace / ".ccpa" / "review.db" if db is None else _sqlite_path(db)
    if path is not None and not path.is_file():
        with exit_on_input_error():
            raise InputError.single(
                str(path), "no review store: `ccpa review import DIR` or `ccpa assess DIR` creates it"
            )
    return open_store(workspace, db)


def refuse_non_sqlite(db: str | None) -> None:
    """A `sqlite:///` store that exists must be a SQLite database (an empty file is a new one)."""
    path = _sqlite_path(db)
    if path is not None and path.exists():
        try:
            check_sqlite_file(path, allow_empty=True)
        except ReadError as error:
            raise InputError.single(str(path), f"review store: {error.message}") from None


@app.command("serve")
def serve(
    workspace: Workspace,
    db: DbUrl = None,
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            "--behind-proxy", help="a TLS reverse proxy fronts this address: no warning beyond loopback"
        ),
    ] = False,
    create: Annotated[
        bool,
        typer.Option(
            "--create", help="DIR has no workspace (no ccpa.yaml): create one, with its first admin"
        ),
    ] = False,
    organization: Annotated[
        str | None, typer.Option("--organization", help="with --create: the organization's name")
    ] = None,
    admin_email: Annotated[
        str | None, typer.Option("--admin-email", help="with --create: the first admin's email (their login)")
    ] = None,
    admin_department: Annotated[
        str, typer.Option("--admin-department", help="with --create: the first admin's department")
    ] = "Privacy",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="with --create: read the admin's password from stdin")
    ] = False,
    virus_scan: Annotated[
        str | None,
        typer.Option(
            "--virus-scan",
            help="command run on each uploaded evidence file, the file's path appended; exit 0 clean, "
            "1 infected (e.g. 'clamdscan --no-summary'); default: no scan",
        ),
    ] = None,
) -> None:
    """Serve the review app; --create makes a workspace in an empty folder.

    The app speaks plain HTTP: bound beyond loopback without --behind-proxy it warns on stderr.

    Example: ccpa serve examples/acme-contact-center --port 8000

    Example: ccpa serve new-center --create --organization "Acme" --admin-email privacy@acme.example
    """
    import shlex

    import uvicorn

    from ccpa_readiness.review.app import create_app
    from ccpa_readiness.review.database import default_url
    from ccpa_readiness.review.settings import Settings

    start = Start(organization, admin_email, admin_department, password_stdin)
    if create or start.wanted(workspace):
        start.create(workspace, db)
    if not behind_proxy and not is_loopback(host):
        err_console.print(
            f"[bold red]WARNING[/]: serving plain HTTP on {host}, beyond loopback: passwords and session "
            "cookies cross the network unencrypted. Keep the default 127.0.0.1 behind a TLS reverse "
            "proxy (docs/review.md), and give --behind-proxy when one fronts this address.",
            highlight=False,
        )
    url = db or default_url(workspace)
    scanner = tuple(shlex.split(virus_scan)) if virus_scan else None
    application = create_app(Settings(db_url=url, workspace=workspace, virus_scan=scanner))
    console.print(
        f"review app on http://{host}:{port}/ (store: {url.split('@')[-1]})", highlight=False, soft_wrap=True
    )
    uvicorn.run(application, host=host, port=port, proxy_headers=True, log_level="warning")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost; any other address or name reaches beyond this machine."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


@dataclass
class Start:
    """A workspace and its first admin made by `ccpa serve DIR --create` (or on the prompt's yes)."""

    organization: str | None
    admin_email: str | None
    admin_department: str
    password_stdin: bool

    def wanted(self, workspace: Path) -> bool:
        """DIR has no workspace: say how to create one, and ask when someone is at the terminal."""
        if (workspace / ORGANIZATION_FILE).exists():
            return False
        err_console.print(
            f"no workspace in {workspace} (no {ORGANIZATION_FILE}): create one with `ccpa serve "
            f"{workspace} --create --organization NAME --admin-email EMAIL`",
            highlight=False,
            soft_wrap=True,
        )
        return sys.stdin.isatty() and typer.confirm(f"Create a workspace in {workspace} now?", default=False)

    def create(self, workspace: Path, db: str | None) -> None:
        """Check the admin's details, write the template named for the organization, add the admin."""
        from ccpa_readiness.review.users import (
            UserError,
            add_user,
            check_password,
            department_of,
            normalize_email,
        )
        from ccpa_readiness.workspace.template_files import create_workspace

        if (workspace / ORGANIZATION_FILE).exists():
            err_console.print(
                f"[bold red]error[/]: {workspace} already holds a workspace: serve it without --create",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2)
        organization = self.organization or typer.prompt("Organization name")
        email = self.admin_email or typer.prompt("First admin's email")
        password = sys.stdin.readline().rstrip("\n") if self.password_stdin else None
        if password is None:
            password = typer.prompt("Admin's password", hide_input=True, confirmation_prompt=True)
        try:
            if not organization.strip():
                raise UserError("the organization needs a name")
            normalize_email(email)
            check_password(password)
            department_of(self.admin_department)
            with exit_on_input_error():
                written = create_workspace(workspace, organization)
            with store_errors(), open_store(workspace, db).write() as session:
                add_user(session, CLI_ACTOR, email, self.admin_department, "admin", password)
        except UserError as error:
            err_console.print(f"[bold red]error[/]: {error}", highlight=False)
            raise typer.Exit(2) from None
        console.print(
            f"created the workspace of {organization.strip()} in {workspace} ({len(written)} files) "
            f"and its admin {email.strip().lower()}",
            highlight=False,
            soft_wrap=True,
        )


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="the user's email: their login")],
    department: Annotated[str, typer.Option(help="Legal, Privacy, IT, Security, Operations, ...")],
    role: Annotated[str, typer.Option(help="reviewer, admin or viewer")] = "reviewer",
    workspace: Annotated[Path, typer.Option("--dir", help="the workspace folder", file_okay=False)] = Path(
        "."
    ),
    db: DbUrl = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="read the password from stdin")
    ] = False,
) -> None:
    """Add a review-app user (password prompted, stored as an argon2 hash).

    Example: ccpa users add it.lead@example.com --department IT --dir examples/acme-contact-center
    """
    from ccpa_readiness.review.users import UserError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with store_errors(), open_store(workspace, db).write() as session:
            add_user(session, CLI_ACTOR, email, department, role, password)
    except UserError as error:
        err_console.print(f"[bold red]error[/]: {error}", highlight=False)
        raise typer.Exit(2) from None
    console.print(f"added {email.strip().lower()} ({department}, {role})", highlight=False)


def _anchor(value: str | None) -> tuple[int, str] | None:
    if value is None:
        return None
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        err_console.print(
            f"[bold red]error[/]: --anchor wants SEQ:HASH as `ccpa audit head` prints it, not {value!r}"
        )
        raise typer.Exit(2)
    return int(seq), digest.lower()


def _report(result: Verification, output_format: OutputFormat) -> None:
    if output_format is OutputFormat.json:
        print_json(
            {
                "intact": result.intact,
                "entries": result.entries,
                "key_id": result.key_id,
                "unkeyed": result.unkeyed,
                "broken_seq": result.broken_seq,
                "problem": result.problem or None,
            }
        )
    if not result.intact:
        err_console.print(
            f"[bold red]broken[/] at entry {result.broken_seq}: {result.problem}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1)
    if output_format is OutputFormat.json:
        return
    keyed = f"signed with audit key {result.key_id}" if result.key_id else "no audit key yet"
    console.print(f"audit chain intact: {result.entries} entries ({keyed})", highlight=False, soft_wrap=True)
    if result.unkeyed:
        console.print(
            f"note: {result.unkeyed} entries predate the audit key and carry a plain sha256, which "
            "does not show a rewrite that re-hashes them; `ccpa audit rotate-key` signs them too",
            highlight=False,
            soft_wrap=True,
        )


@audit_app.command("verify")
def audit_verify(
    workspace: Workspace,
    db: DbUrl = None,
    anchor: Annotated[
        str | None,
        typer.Option("--anchor", help="SEQ:HASH from `ccpa audit head`, kept elsewhere: it must still hold"),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Check the audit trail's keyed hash chain: exit 0 when intact, 1 naming the first broken entry.

    Example: ccpa audit verify examples/acme-contact-center
    """
    from ccpa_readiness.review import audit

    expected = _anchor(anchor)
    with store_errors(), open_existing_store(workspace, db).read() as session:
        result = audit.verify(session, anchor=expected)
    _report(result, output_format)


@audit_app.command("head")
def audit_head(workspace: Workspace, db: DbUrl = None) -> None:
    """Print the chain's last entry as SEQ:HASH, to keep outside the store (ticket, e-mail, notary)
    and give later to `ccpa audit verify --anchor`.

    Example: ccpa audit head examples/acme-contact-center >> audit-anchors.txt
    """
    from ccpa_readiness.review import audit

    with store_errors(), open_existing_store(workspace, db).read() as session:
        seq, digest = audit.head_anchor(session)
    sys.stdout.write(f"{seq}:{digest}\n")


@audit_app.command("rotate-key")
def audit_rotate_key(workspace: Workspace, db: DbUrl = None) -> None:
    """Check the chain under the current audit key, then sign it all under a new one (entries
    from before the key too). Refused (exit 1) when the chain is broken.

    Example: ccpa audit rotate-key examples/acme-contact-center
    """
    with store_errors():
        store = open_store(workspace, db)
        result = store.rotate_key(CLI_ACTOR)
        path = store.audit_key_file
    if result.intact:
        console.print(
            f"new audit key in {path}; earlier anchors no longer match: export `ccpa audit head` again",
            highlight=False,
        )
    _report(result, OutputFormat.text)


@review_app.command("import")
def review_import(
    workspace: Workspace, db: DbUrl = None, output_format: FormatOption = OutputFormat.text
) -> None:
    """Import DIR/out/findings.json and roadmap.json as a new version; earlier approvals go stale.

    With --format json, stdout holds {"created", "version", "content_hash"}.

    Example: ccpa review import examples/acme-contact-center
    """
    from ccpa_readiness.review.inputs import load_inputs
    from ccpa_readiness.review.versions import import_version

    with exit_on_input_error():
        inputs = load_inputs(workspace)
    with store_errors(), open_store(workspace, db).write() as session:
        imported = import_version(session, inputs, CLI_ACTOR)
        number, digest = imported.version.number, imported.version.content_hash
    if output_format is OutputFormat.json:
        print_json({"created": imported.created, "version": number, "content_hash": digest})
        return
    state = "imported as" if imported.created else "unchanged: already"
    messages(output_format).print(f"{state} version {number} ({digest})", highlight=False, soft_wrap=True)


@review_app.command("export")
def review_export(
    workspace: Workspace,
    db: DbUrl = None,
    fmt: Annotated[export.Format, typer.Option("--format", help="json or csv")] = export.Format.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="file to write; default stdout")
    ] = None,
) -> None:
    """Export the sign-off record: who approved or asked for changes on which version, when.

    Example: ccpa review export examples/acme-contact-center --format csv -o signoffs.csv
    """
    from ccpa_readiness.review import signoff

    with store_errors(), open_existing_store(workspace, db).read() as session:
        text = export.render(signoff.record(session), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}", highlight=False)
