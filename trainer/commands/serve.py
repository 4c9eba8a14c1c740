"""``pain-trainer serve``: the same trainer in a browser, through textual-serve.

Every browser tab gets its own app process (``python -m trainer``) on the same data folder and
banks, so every answer is committed exactly as in a terminal. This is a single-user server with
no login: it listens on loopback unless ``--allow-remote`` says otherwise (README, "In a
browser", says what to put in front of it for more than one person).

The checks that can fail without a browser run before anything is served, each one line on
stderr: the host (a non-loopback address needs ``--allow-remote``, exit 2), the extra being
installed, the banks and the history (exit 1), and the port (bound here, before the server
starts, so a busy port is ``pain-trainer: error: ...`` and exit 1, not a traceback).
textual-serve is imported only by this command: the trainer's own start-up never pays for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.exits import ExitCode

if TYPE_CHECKING:
    import socket

# Everything else (sockets, textual-serve, the banks) is imported by the command itself: building
# the parser for any other command must cost nothing.

PROG = "pain-trainer"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'pain-trainer[serve]'"


class ServeError(Exception):
    """A reason not to serve, with its exit code."""

    def __init__(self, message: str, code: int = ExitCode.INVALID):
        super().__init__(message)
        self.code = code


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, got {value}")
    return value


def add_parser(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``serve`` subcommand; ``common`` adds ``--data-dir`` and ``--bank`` as elsewhere."""
    serve = commands.add_parser("serve")
    common(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT}; 0: any free one)"
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach (there is no login: see README, 'In a browser')",
    )


def run_serve(args: Any, data_root: Path) -> int:
    try:
        remote = check_host(args.host, args.allow_remote)
        server_class = _server_class()
        _check_banks_and_history(data_root, args.bank)
        listener = listen(args.host, args.port)
    except ServeError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.code
    url = url_of(listener)
    if remote:
        print(
            f"{PROG}: warning: serving to other machines with no authentication: anyone who can reach {url}"
            " can use the trainer and read its history",
            file=sys.stderr,
        )
    command = app_command(sys.executable, data_root, args.bank)

    def announce() -> None:  # once Ctrl+C and SIGTERM stop it cleanly: a script may wait for this line
        print(f"Serving the trainer at {url} (Ctrl+C stops it)", flush=True)

    server_class(command, listener, title="Pain Fellowship Trainer", on_ready=announce).serve()
    return ExitCode.OK


# --- checks ---------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` can only be reached from this machine ("localhost" or a loopback address)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def check_host(host: str, allow_remote: bool) -> bool:
    """Whether serving on ``host`` reaches other machines; refused unless ``allow_remote``."""
    if is_loopback(host):
        return False
    if not allow_remote:
        raise ServeError(
            f"--host {host} can be reached from other machines and there is no login in front of the trainer;"
            " add --allow-remote to serve it anyway (see README, 'In a browser')",
            ExitCode.USAGE,
        )
    return True


def _server_class() -> type:
    try:
        from trainer.serving import TrainerServer
    except ImportError as exc:
        missing = exc.name or "textual_serve"
        raise ServeError(f"'serve' needs the serve extra ({missing} is not installed): {INSTALL_HINT}") from None
    return TrainerServer


def _check_banks_and_history(data_root: Path, banks: Sequence[str]) -> None:
    """What would stop every tab's app from starting, said once here instead of in each tab.

    Loading the banks also fills the bank cache, so each tab's app starts from it.
    """
    from trainer.banks import BankCache, default_sources, load_all
    from trainer.history.errors import HistoryError
    from trainer.history.store import Store
    from trainer.paths import cache_dir

    catalog = load_all(default_sources(data_root, list(banks)), cache=BankCache(cache_dir()))
    for problem in catalog.problems:
        print(problem, file=sys.stderr)
    if not catalog.banks:
        raise ServeError("no valid question banks found")
    try:
        store = Store.open(data_root)
    except HistoryError as exc:
        raise ServeError(str(exc)) from None
    if store.notice:
        print(f"{PROG}: {store.notice}", file=sys.stderr)
    store.close()


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``: taken here, so a busy port is a plain error."""
    import errno
    import socket

    where = f"{host}:{port}"
    try:
        family, *_, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        return socket.create_server(address, family=family)
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {where}: unknown host ({exc.strerror})") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"cannot listen on {where}: the port is in use (another 'pain-trainer serve'?); choose another --port"
            ) from None
        raise ServeError(f"cannot listen on {where}: {exc.strerror or exc}") from None


def url_of(listener: socket.socket) -> str:
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def app_command(python: str, data_root: Path, banks: Sequence[str], posix: bool = os.name == "posix") -> str:
    """The shell command textual-serve runs for each tab: this trainer, on the same data and banks.

    textual-serve runs it through a shell, so every argument is quoted (a path cannot inject a
    command); paths are made absolute, so none starts with "-" or depends on the working folder.
    ``exec`` makes the app the server's own child, which the server stops when it stops.
    """
    import shlex
    import subprocess

    argv = [python, "-m", "trainer", "--data-dir", str(Path(data_root).absolute())]
    for bank in banks:
        argv += ["--bank", str(Path(bank).absolute())]
    if posix:
        return "exec " + shlex.join(argv)
    return subprocess.list2cmdline(argv)
