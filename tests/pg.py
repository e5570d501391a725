"""A real PostgreSQL server for the tests.

``postgres_url()`` returns a ``postgresql+psycopg://`` URL of a server the
tests may use, or None when none can be had:

1. ``$BILAT_TEST_PG_URL`` when set (CI's ``.ci/run`` starts the machine's
   cluster and sets it). The role must be allowed to create databases. A URL
   that is set but does not work is an error, not a reason to skip.
2. Else a throwaway server started here, once per test session: ``initdb``
   into a temporary directory (as the ``postgres`` user when running as root:
   initdb refuses root), ``pg_ctl start`` on a free port of 127.0.0.1 with
   its socket in that directory, stopped and removed at process exit (and by
   a small watchdog should the test process be killed). So a developer's
   ``make test`` covers PostgreSQL too, wherever the server binaries are
   installed (``/usr/lib/postgresql/*/bin``, ``$PATH`` or ``pg_config``).
   ``BILAT_TEST_PG_AUTOSTART=0`` turns this off.

When neither works, ``postgres_url()`` is None and ``unavailable_reason()``
says why. ``fresh_database()`` gives each test a new empty database; the ones
made on an external server are dropped at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

ENV_URL = "BILAT_TEST_PG_URL"
ENV_AUTOSTART = "BILAT_TEST_PG_AUTOSTART"
SUPERUSER = "bilat"
START_TIMEOUT = 60  # seconds pg_ctl may wait for the server to accept connections
COMMAND_TIMEOUT = 120  # seconds any one helper command (initdb, pg_ctl) may take
CONNECT_TIMEOUT = 10  # seconds a connection attempt may take


class PostgresUnavailable(Exception):
    """No throwaway server could be started (the message says why)."""


@dataclass
class _Server:
    """A throwaway server owned by this process."""

    bindir: Path
    root: Path
    port: int
    password: str
    run_as: pwd.struct_passwd | None
    owner_pid: int = field(default_factory=os.getpid)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/postgres"

    def run(self, *args: str, timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess[str]:
        who = self.run_as
        return subprocess.run(
            list(args), capture_output=True, text=True, timeout=timeout, check=False,
            cwd=self.root, stdin=subprocess.DEVNULL, env=_server_env(who),
            user=who.pw_uid if who else None, group=who.pw_gid if who else None,
            extra_groups=[] if who else None,
        )

    def restart(self) -> None:
        """Stop the server (``-m fast``: sessions are ended, as in a planned
        restart) and start it again with the same options, waiting for it."""
        proc = self.run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-m", "fast", "-w", "-t", str(START_TIMEOUT), "restart",
            timeout=START_TIMEOUT + 30,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"pg_ctl restart failed: {proc.stderr.strip() or proc.stdout}\n"
                               + _tail(self.root / "server.log"))

    def stop(self) -> None:
        if os.getpid() != self.owner_pid:  # a forked child must not stop our server
            return
        with contextlib.suppress(Exception):
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                     "-w", "-t", "20", "stop", timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)


_lock = threading.Lock()
_resolved = False
_url: str | None = None
_reason = ""
_server: _Server | None = None
_created: list[str] = []  # databases made on an external server, dropped at exit


def postgres_url() -> str | None:
    """The URL of a server for the tests (cached for the session), or None."""
    global _resolved, _url, _reason, _server
    with _lock:
        if _resolved:
            return _url
        _resolved = True
        env = os.environ.get(ENV_URL) or None
        if env is not None:
            _url = env
            atexit.register(_drop_created)
            return _url
        if os.environ.get(ENV_AUTOSTART, "1").strip().lower() in ("0", "no", "false", "off"):
            _reason = f"${ENV_URL} is not set and ${ENV_AUTOSTART} turns the throwaway server off"
            return None
        try:
            _server = _start_server()
        except PostgresUnavailable as exc:
            _reason = f"${ENV_URL} is not set and no throwaway server could be started: {exc}"
            warnings.warn(f"PostgreSQL tests skipped: {_reason}", stacklevel=2)
            return None
        _url = _server.url
        return _url


def unavailable_reason() -> str:
    """Why ``postgres_url()`` is None ('' when there is a server)."""
    postgres_url()
    return _reason


def fresh_database() -> str | None:
    """A new empty database on the test server, or None when there is no server.

    Raises:
        RuntimeError: ``$BILAT_TEST_PG_URL`` is set but its server cannot be
            used to create a database.
    """
    base = postgres_url()
    if base is None:
        return None
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"bilat_test_{uuid.uuid4().hex[:12]}"
    try:
        with _admin_connect(base) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        shown = url.render_as_string(hide_password=True)
        raise RuntimeError(f"cannot create a test database on {shown}: {exc}") from exc
    if _server is None:
        _created.append(name)
    return url.set(database=name).render_as_string(hide_password=False)


def private_server() -> _Server:
    """A throwaway server of the caller's own, which it may restart or stop
    (``stop()``; also stopped at exit), whatever server the other tests use.

    Raises:
        PostgresUnavailable: no server can be started here (no binaries, or
            ``$BILAT_TEST_PG_AUTOSTART`` turns throwaway servers off).
    """
    if os.environ.get(ENV_AUTOSTART, "1").strip().lower() in ("0", "no", "false", "off"):
        raise PostgresUnavailable(f"${ENV_AUTOSTART} turns throwaway servers off")
    return _start_server()


def create_database(server: _Server) -> str:
    """A new empty database on ``server``; its URL."""
    from sqlalchemy.engine import make_url

    name = f"bilat_test_{uuid.uuid4().hex[:12]}"
    with _admin_connect(server.url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server.url).set(database=name).render_as_string(hide_password=False)


def _admin_connect(base: str) -> psycopg.Connection[tuple[Any, ...]]:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(base).set(drivername="postgresql", database="postgres")
    return psycopg.connect(
        admin.render_as_string(hide_password=False), autocommit=True,
        connect_timeout=CONNECT_TIMEOUT,
    )


def _drop_created() -> None:
    """Drop the databases made on an external server (best effort)."""
    if not _created or _url is None:
        return
    with contextlib.suppress(Exception), _admin_connect(_url) as conn:
        for name in _created:
            try:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception:
                with contextlib.suppress(Exception):
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    _created.clear()


# --- the throwaway server ---------------------------------------------------


def _version_key(path: Path) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in path.parent.name.split("."))
    except ValueError:
        return (0,)


def _find_bindir() -> Path:
    needed = ("initdb", "pg_ctl", "postgres")
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key, reverse=True)
    which = shutil.which("pg_ctl")
    if which:
        candidates.append(Path(which).resolve().parent)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,
                                 timeout=10, check=False).stdout.strip()
            if out:
                candidates.append(Path(out))
    for bindir in candidates:
        if all(os.access(bindir / name, os.X_OK) for name in needed):
            return bindir
    raise PostgresUnavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/*/bin, "
        "$PATH or pg_config --bindir (Debian: apt-get install postgresql)"
    )


def _server_user() -> pwd.struct_passwd | None:
    """The user to run the server as: None for ourselves, ``postgres`` for root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            "running as root (initdb refuses root) and there is no 'postgres' user to run it as"
        ) from None


def _server_env(run_as: pwd.struct_passwd | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    env.pop("LANG", None)
    if run_as is not None:
        env.update(HOME=run_as.pw_dir, USER=run_as.pw_name, LOGNAME=run_as.pw_name)
    return env


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _start_server() -> _Server:
    bindir = _find_bindir()
    run_as = _server_user()
    root = Path(tempfile.mkdtemp(prefix="bilat-pg-"))
    if run_as is not None:
        os.chown(root, run_as.pw_uid, run_as.pw_gid)
    server = _Server(bindir, root, 0, secrets.token_hex(16), run_as)
    try:
        _initdb(server)
        for attempt in range(3):  # a free port can be taken before the server binds it
            server.port = _free_port()
            proc = server.run(
                str(bindir / "pg_ctl"), "-D", str(server.data), "-l", str(root / "server.log"),
                "-w", "-t", str(START_TIMEOUT), "-o", _server_options(server), "start",
                timeout=START_TIMEOUT + 30,
            )
            if proc.returncode == 0:
                break
            if attempt == 2:
                raise PostgresUnavailable(
                    f"pg_ctl start failed: {proc.stderr.strip() or proc.stdout.strip()}\n"
                    + _tail(root / "server.log")
                )
        atexit.register(server.stop)
        _watch(server)
        with _admin_connect(server.url) as conn:
            conn.execute("SELECT 1")
    except PostgresUnavailable:
        server.stop()
        raise
    except Exception as exc:
        server.stop()
        raise PostgresUnavailable(f"{type(exc).__name__}: {exc}") from exc
    return server


def _initdb(server: _Server) -> None:
    pwfile = server.root / "pwfile"
    pwfile.write_text(server.password + "\n")
    if server.run_as is not None:
        os.chown(pwfile, server.run_as.pw_uid, server.run_as.pw_gid)
    pwfile.chmod(0o600)
    proc = server.run(
        str(server.bindir / "initdb"), "-D", str(server.data), "-U", SUPERUSER,
        f"--pwfile={pwfile}", "--auth-local=trust", "--auth-host=scram-sha-256",
        "-E", "UTF8", "--locale=C", "--no-sync",
    )
    pwfile.unlink()
    if proc.returncode != 0:
        raise PostgresUnavailable(f"initdb failed: {(proc.stderr or proc.stdout).strip()}")


def _server_options(server: _Server) -> str:
    options = {
        "port": str(server.port),
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": str(server.root),
        "max_connections": "200",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
    }
    return " ".join(f"-c {shlex.quote(f'{k}={v}')}" for k, v in options.items())


_WATCHDOG = """
import os, signal, shutil, sys, time
parent, data, root = int(sys.argv[1]), sys.argv[2], sys.argv[3]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    except PermissionError:
        pass
    time.sleep(2)
try:
    with open(os.path.join(data, "postmaster.pid")) as f:
        os.kill(int(f.readline()), signal.SIGQUIT)  # immediate shutdown
    time.sleep(3)
except (OSError, ValueError):
    pass
shutil.rmtree(root, ignore_errors=True)
"""


def _watch(server: _Server) -> None:
    """Stop the server should this process die without running atexit (SIGKILL)."""
    with contextlib.suppress(OSError):
        subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(server.data),
             str(server.root)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True,
        )
