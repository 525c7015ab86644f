"""A throw-away PostgreSQL server for tests and benchmarks: initdb + pg_ctl on loopback.

::

    with pg_server.running() as server:        # or: server = pg_server.start(); server.stop()
        url = server.url                       # postgresql://kindred@127.0.0.1:PORT/postgres
        url = await server.create_database("t1")   # a fresh, empty database of its own

It makes a temporary folder, runs ``initdb -U kindred --auth=trust`` in it and starts the
server with ``pg_ctl`` on a free loopback port (its Unix socket in the same folder, so two
servers never meet), with fsync off: the data is thrown away at the end, so durability only
costs time. ``stop()`` stops it (immediate shutdown) and deletes the folder; an ``atexit``
hook does the same if the caller forgets or fails before it.

PostgreSQL refuses to run as root. Under root (CI runs as root) the binaries run as the
``postgres`` system user (or ``nobody``) through ``setpriv``, and the folder is given to it.

``unavailable()`` says why a server cannot be started here (no ``initdb`` on PATH or in
``/usr/lib/postgresql/*/bin``, no unprivileged user), or None: tests skip with that reason,
and fail instead under ``CI=true``.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

USER = "kindred"  # the superuser initdb creates; the URL logs in as it (trust on loopback)
_UNPRIVILEGED = ("postgres", "nobody")


def find_bin(name: str) -> str | None:
    """The path of a PostgreSQL program (``initdb``, ``pg_ctl``), or None when not installed."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged user to run PostgreSQL as when we are root; None when not root."""
    if os.geteuid() != 0:
        return None
    for name in _UNPRIVILEGED:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


def unavailable() -> str | None:
    """Why a throw-away server cannot be started on this machine, or None when it can."""
    for program in ("initdb", "pg_ctl"):
        if find_bin(program) is None:
            return f"PostgreSQL is not installed ({program} not found on PATH)"
    if os.geteuid() == 0 and not any(_has_user(name) for name in _UNPRIVILEGED):
        return "running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as"
    return None


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """A running throw-away server; ``url`` reaches its ``postgres`` database."""

    folder: Path
    port: int
    _user: pwd.struct_passwd | None = field(default=None, repr=False)
    _stopped: bool = field(default=False, repr=False)

    @property
    def data(self) -> Path:
        """The cluster's data folder."""
        return self.folder / "data"

    def url_for(self, database: str) -> str:
        """A connection URL for ``database`` on this server."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    @property
    def url(self) -> str:
        """The URL of the ``postgres`` maintenance database (create others from it)."""
        return self.url_for("postgres")

    async def create_database(self, name: str, template: str | None = None) -> str:
        """Create an empty database (or a copy of ``template``) and return its URL."""
        import asyncpg  # only the PostgreSQL tests need the driver

        conn = await asyncpg.connect(self.url)
        try:
            # Identifiers cannot be parameters; quote them as PostgreSQL does.
            sql = f'CREATE DATABASE "{_ident(name)}"'
            if template is not None:
                sql += f' TEMPLATE "{_ident(template)}"'
            await conn.execute(sql)
        finally:
            await conn.close()
        return self.url_for(name)

    async def drop_database(self, name: str) -> None:
        """Drop a database, disconnecting whoever is still in it."""
        import asyncpg

        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{_ident(name)}" WITH (FORCE)')
        finally:
            await conn.close()

    def stop(self) -> None:
        """Stop the server at once and delete its folder (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            _call(
                [_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                self._user,
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def _ident(name: str) -> str:
    return name.replace('"', '""')


def _bin(name: str) -> str:
    path = find_bin(name)
    if path is None:
        raise RuntimeError(f"PostgreSQL is not installed ({name} not found on PATH)")
    return path


def _call(
    argv: list[str], user: pwd.struct_passwd | None, *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    program = Path(argv[0]).name
    if user is not None:
        argv = [
            "setpriv",
            f"--reuid={user.pw_uid}",
            f"--regid={user.pw_gid}",
            "--clear-groups",
            "--",
            *argv,
        ]
    # LC_ALL=C: initdb picks the locale from the environment; C is fast and the same everywhere.
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{program} failed ({result.returncode}): "
            f"{result.stderr.strip() or result.stdout.strip()}"
        )
    return result


def start(attempts: int = 3) -> PgServer:
    """Create and start a throw-away server; raise RuntimeError saying why it could not."""
    reason = unavailable()
    if reason:
        raise RuntimeError(reason)
    user = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="kindred-pg-"))
    try:
        if user is not None:
            os.chown(folder, user.pw_uid, user.pw_gid)
        _call(
            [
                _bin("initdb"),
                "-D",
                str(folder / "data"),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            user,
        )
        last_error: Exception | None = None
        for _ in range(attempts):
            # Another process may take the port between our probe and the server's bind: retry.
            port = _free_port()
            server = PgServer(folder, port, user)
            options = (
                f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -F "
                "-c full_page_writes=off -c synchronous_commit=off -c max_connections=200"
            )
            try:
                _call(
                    [
                        _bin("pg_ctl"),
                        "-D",
                        str(server.data),
                        "-o",
                        options,
                        "-l",
                        str(folder / "server.log"),
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    user,
                )
            except RuntimeError as exc:
                last_error = exc
                time.sleep(0.2)  # a real wait for a port to free, not a test's clock
                continue
            atexit.register(server.stop)
            return server
        log_text = (folder / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{last_error}\n{log_text}")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


@contextlib.contextmanager
def running() -> Iterator[PgServer]:
    """A throw-away server for the duration of the ``with`` block."""
    server = start()
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":  # python -m sandbox.pg_server: start one, print its URL, wait
    began = time.monotonic()
    with running() as srv:
        print(f"{srv.url}  (ready in {time.monotonic() - began:.2f} s; Ctrl-C stops it)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
