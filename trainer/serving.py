"""textual-serve's ``Server``, adapted to a single-user trainer that must stop without orphans.

What differs from the library's server, and why:

- it serves on a socket the command line already bound (a busy port was an error there);
- the page's websocket and static URLs come from the address the browser used, so a
  ``--host 0.0.0.0`` server works from another machine and behind a reverse proxy that
  passes ``Host`` (and ``X-Forwarded-Proto``) through;
- a websocket from a page of another site is refused: any web page the user visits could
  otherwise open the trainer on ``127.0.0.1`` and read it;
- stopping (Ctrl+C, SIGTERM) ends every tab's app, asking first (the app exits as when its
  tab is closed: the session stays unfinished and is offered for resume), then terminating
  whatever has not ended within ``grace_seconds``, so no app process outlives the server.

Imported only by ``pain-trainer serve`` (``trainer.serve_command``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("pain-trainer.serve")
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?")


class TrainerServer(Server):
    """One app process per browser tab, on a listening socket given to it."""

    def __init__(
        self,
        command: str,
        listener: socket.socket,
        *,
        title: str,
        on_ready: Callable[[], None] = lambda: None,
        grace_seconds: float = 5.0,
    ):
        host, port = listener.getsockname()[:2]
        super().__init__(command, host=host, port=port, title=title)
        self._listener = listener
        self._configured_url = self.public_url
        self.grace_seconds = grace_seconds
        self._on_ready = on_ready
        self._tabs: set[asyncio.Task] = set()

    def initialize_logging(self) -> None:
        """Warnings and errors only (an app that failed to start says why): no banner, no access log."""
        logging.basicConfig(level=logging.WARNING, format="pain-trainer: serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Say it is serving (instead of the library's banner): the stop signals are handled by now."""
        self._on_ready()

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, then stop every tab's app (``on_shutdown``)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(stop_signal, self.request_exit)
            except (NotImplementedError, RuntimeError):  # not the main thread, or no signals here
                pass
        web.run_app(
            self._make_app(),
            sock=self._listener,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,
            shutdown_timeout=self.grace_seconds,
        )

    # --- requests -----------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # The library builds the page's URLs from ``public_url`` without awaiting anything in
        # between, so setting it for this request cannot leak into another request's page.
        self.public_url = public_url(request, self._configured_url)
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            log.warning("refused a websocket from another site's page (Origin %s)", origin)
            raise web.HTTPForbidden(text="This trainer only talks to its own page.")
        tab = asyncio.current_task()
        if tab is not None:
            self._tabs.add(tab)
        try:
            return await super().handle_websocket(request)
        finally:
            if tab is not None:
                self._tabs.discard(tab)

    # --- stopping -----------------------------------------------------------------------

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab's app: ask (as a closed tab does), then terminate the ones still running."""
        tabs = [tab for tab in self._tabs if not tab.done()]
        for tab in tabs:
            tab.cancel()  # the library's handler then sends the app "quit" and waits for it
        if tabs:
            await asyncio.wait(tabs, timeout=self.grace_seconds)
        await asyncio.to_thread(end_children, self.grace_seconds)


def public_url(request: web.Request, fallback: str) -> str:
    """The URL the browser reached this server by (through a proxy too), else ``fallback``."""
    host = request.host
    if not _HOST_HEADER.fullmatch(host):
        return fallback
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    scheme = "https" if (forwarded or request.scheme) == "https" else "http"
    return f"{scheme}://{host}"


# --- child processes ---------------------------------------------------------------------


def child_pids(parent: int | None = None, proc: Path = Path("/proc")) -> list[int]:
    """Running (not yet exited) children of ``parent`` (this process), from /proc; none elsewhere."""
    parent = os.getpid() if parent is None else parent
    found = []
    try:
        entries = [entry for entry in proc.iterdir() if entry.name.isdigit()]
    except OSError:
        return []
    for entry in entries:
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        state, ppid = stat.rpartition(")")[2].split()[:2]  # the name may hold spaces and ")"
        if int(ppid) == parent and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def end_children(grace_seconds: float, clock=time.monotonic, pause=time.sleep) -> None:
    """SIGTERM this process's remaining children (the tabs' apps), then SIGKILL the ones still there."""
    for stop_signal in (signal.SIGTERM, signal.SIGKILL):
        children = child_pids()
        if not children:
            return
        for pid in children:
            try:
                os.kill(pid, stop_signal)
            except ProcessLookupError:
                pass
        deadline = clock() + grace_seconds
        while child_pids() and clock() < deadline:
            pause(0.05)
