"""textual-serve's ``Server``, adapted to a single-user trainer that must stop without orphans.

What differs from the library's server, and why:

- it serves on a socket the command line already bound (a busy port was an error there);
- the page's websocket and static URLs come from the address the browser used, so a
  ``--host 0.0.0.0`` server works from another machine and behind a reverse proxy that
  passes ``Host`` (and ``X-Forwarded-Proto``) through;
- a websocket from a page of another site is refused: any web page the user visits could
  otherwise open the trainer on ``127.0.0.1`` and read it;
- a tab is closed when its app ends (quit, crashed, killed), so the page says it ended
  instead of freezing;
- an app that does not quit when asked (a closed tab, or the server stopping on Ctrl+C or
  SIGTERM) is terminated after ``grace_seconds``, then killed: no app process outlives its
  tab or the server. Asking first matters: the app then exits as when its terminal closes,
  with the session unfinished and offered for resume.

Imported only by ``pain-trainer serve`` (``trainer.commands.serve``).
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

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
        self._handlers: set[asyncio.Task] = set()

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

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its own app process, ended with the tab (or with the server) whatever happens.

        The library's handler, with three differences: another site's page is refused, the
        tab is closed when its app ends (so a crashed app shows as ended, not frozen), and an
        app that does not quit when asked is terminated instead of waited for forever.
        """
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            log.warning("refused a websocket from another site's page (Origin %s)", origin)
            raise web.HTTPForbidden(text="This trainer only talks to its own page.")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close_tab() -> None:
            # AppService wants ``() -> Awaitable[None]``; ``websocket.close`` answers whether it closed,
            # which nothing reads.
            await websocket.close()

        tab = TabApp(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close_tab,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        handler = asyncio.current_task()
        if handler is not None:
            self._handlers.add(handler)
        try:
            await tab.start(to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass  # the server is stopping (on_shutdown)
        finally:
            await tab.end(self.grace_seconds)
            await websocket.close()
            if handler is not None:
                self._handlers.discard(handler)
        return websocket

    # --- stopping -----------------------------------------------------------------------

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab (each handler ends its app: asked, then terminated) before the server goes."""
        handlers = [handler for handler in self._handlers if not handler.done()]
        for handler in handlers:
            handler.cancel()
        if handlers:
            await asyncio.wait(handlers)


class TabApp(AppService):
    """One tab's app process, which closes the tab when it ends and can be ended for sure."""

    async def run(self) -> None:
        await super().run()  # until the app's output ends: it quit, crashed or was killed
        await self.remote_close()

    async def end(self, grace_seconds: float) -> None:
        """Ask the app to quit (as a closed tab does); terminate it, then kill it, if it does not."""
        try:
            await asyncio.wait_for(self.stop(), grace_seconds)
        except TimeoutError:
            pass
        process = self._process  # the library keeps it private; it is this tab's app
        if process is None or process.returncode is not None:
            return
        for stop in (process.terminate, process.kill):
            try:
                stop()
                await asyncio.wait_for(process.wait(), grace_seconds)
                return
            except ProcessLookupError:
                return
            except TimeoutError:
                continue


def public_url(request: web.Request, fallback: str) -> str:
    """The URL the browser reached this server by (through a proxy too), else ``fallback``."""
    host = request.host
    if not _HOST_HEADER.fullmatch(host):
        return fallback
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    scheme = "https" if (forwarded or request.scheme) == "https" else "http"
    return f"{scheme}://{host}"
