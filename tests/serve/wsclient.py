"""A browser tab without the browser: textual-serve's websocket protocol, spoken from a test.

The page sends ``["stdin", text]`` for keys and ``["resize", {...}]`` for its size; the server
sends the app's terminal output as binary frames. ``Tab`` keeps what was drawn, without the
escape sequences, so a test can wait until the screen says something.
"""

from __future__ import annotations

import re
import time

import aiohttp

_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def plain(terminal_output: str) -> str:
    """Terminal output without its escape sequences: the text that was drawn."""
    return _ESCAPES.sub("", terminal_output)


class Tab:
    """One connected tab: ``await tab.press(...)``, ``await tab.wait_for_text(...)``."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse):
        self.websocket = websocket
        self.drawn = ""

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.websocket.send_json(["stdin", key])

    async def wait_for_text(self, text: str, since: int = 0, timeout: float = 20.0) -> int:
        """Wait until ``text`` has been drawn after position ``since``; the position after it."""
        deadline = time.monotonic() + timeout
        while (found := self.drawn.find(text, since)) < 0:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not drawn within {timeout} s; drawn: {self.drawn[since:][-2000:]!r}")
            try:
                message = await self.websocket.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.drawn += plain(message.data.decode("utf-8", "replace"))
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise AssertionError(f"the tab was closed before {text!r} was drawn")
        return found + len(text)

    async def wait_closed(self, timeout: float = 20.0) -> None:
        """Wait until the server closes the tab (drawing whatever comes before)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await self.websocket.receive(timeout=left)
            except TimeoutError:
                break
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return
            if message.type == aiohttp.WSMsgType.BINARY:
                self.drawn += plain(message.data.decode("utf-8", "replace"))
        raise AssertionError(f"the server did not close the tab within {timeout} s")


def tab_url(base_url: str, width: int = 120, height: int = 40) -> str:
    return f"{base_url.rstrip('/')}/ws?width={width}&height={height}"
