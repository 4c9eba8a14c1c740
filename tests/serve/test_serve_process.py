"""``pain-trainer serve`` running for real, spoken to through its websocket (no browser needed).

Each tab is an app process; stopping the server ends them all, and a tab's app that is killed
or disconnected mid-quiz leaves every answer stored and the session offered for resume.
"""

from __future__ import annotations

import os
import signal

import aiohttp
import pytest

from tests.serve.conftest import SERVE_BANK, is_running, start_serve, wait_for
from tests.serve.wsclient import Tab, tab_url
from trainer.history.store import Store

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the app processes from /proc (Linux)")

ENTER, CTRL_S = "\r", "\x13"


async def start_quiz(tab: Tab) -> int:
    """Home -> quiz setup (remembered: 3 untimed tutor questions of the test bank) -> question 1."""
    mark = await tab.wait_for_text("Start a quiz")
    await tab.press("s")
    mark = await tab.wait_for_text("New quiz", mark)
    await tab.press(CTRL_S)
    return await tab.wait_for_text("1/3", mark)


async def answer_first_option(tab: Tab, number: int, mark: int) -> int:
    """Choose option 1 (the right one in the test bank) and submit; in tutor mode, then go on."""
    await tab.press("1", ENTER)
    mark = await tab.wait_for_text("Correct", mark)
    await tab.press(ENTER)
    return await tab.wait_for_text(f"{number + 1}/3", mark)


async def test_sigterm_ends_the_server_and_every_tabs_app(served):
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(tab_url(served.url)) as first, client.ws_connect(tab_url(served.url)) as second:
            await Tab(first).wait_for_text("Start a quiz")
            await Tab(second).wait_for_text("Start a quiz")
            apps = wait_for(lambda: len(served.apps()) == 2 and served.apps(), "one app process per tab")
            assert served.stop(signal.SIGTERM) == 0
    assert not [pid for pid in apps if is_running(pid)], "app processes outlived the server"
    assert "Traceback" not in served.process.stderr.read().decode()


async def test_ctrl_c_ends_the_server_and_its_app(served):
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(tab_url(served.url)) as websocket:
            await Tab(websocket).wait_for_text("Start a quiz")
            apps = wait_for(served.apps, "the tab's app process")
            assert served.stop(signal.SIGINT) == 0
    assert not [pid for pid in apps if is_running(pid)]


async def test_an_app_that_ignores_the_quit_request_is_terminated(served):
    """A stuck app (stopped here) is not waited for forever: the server ends it and exits."""
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(tab_url(served.url)) as websocket:
            await Tab(websocket).wait_for_text("Start a quiz")
            [app] = wait_for(served.apps, "the tab's app process")
            os.kill(app, signal.SIGSTOP)
            try:
                assert served.stop(signal.SIGTERM, timeout=30) == 0
            finally:
                if is_running(app):
                    os.kill(app, signal.SIGKILL)
    assert not is_running(app)


@pytest.mark.parametrize("end", ["closed tab", "killed app"])
async def test_a_quiz_left_mid_way_keeps_its_answers_and_is_offered_for_resume(served, end):
    async with aiohttp.ClientSession() as client:
        websocket = await client.ws_connect(tab_url(served.url))
        tab = Tab(websocket)
        mark = await start_quiz(tab)
        mark = await answer_first_option(tab, 1, mark)
        await tab.press("1", ENTER)
        await tab.wait_for_text("Correct", mark)
        [app] = served.apps()
        if end == "closed tab":
            await websocket.close()
        else:
            os.kill(app, signal.SIGKILL)
            await tab.wait_closed()  # the server closes the tab whose app died
        wait_for(lambda: not is_running(app), "the tab's app to end")

        with Store.open(served.data_dir) as store:
            resume = store.unfinished_session()
        assert resume is not None, "the quiz is not offered for resume"
        assert len(resume.session.plan) == 3
        answered = sorted((a.position, a.response) for a in resume.answers if a.response is not None)
        assert [position for position, _ in answered] == [0, 1]

        async with client.ws_connect(tab_url(served.url)) as again:  # a new tab offers it too
            await Tab(again).wait_for_text("2 of 3 answered")


def test_the_apps_are_this_trainer_on_the_same_data_and_banks(served):
    """What each tab runs: ``python -m trainer`` with the server's --data-dir and --bank."""
    import asyncio

    async def open_tab() -> list[str]:
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(tab_url(served.url)) as websocket:
                await Tab(websocket).wait_for_text("Start a quiz")
                [app] = served.apps()
                return open(f"/proc/{app}/cmdline", "rb").read().decode().split("\0")[:-1]

    argv = asyncio.run(open_tab())
    assert argv[1:] == ["-m", "trainer", "--data-dir", str(served.data_dir), "--bank", str(SERVE_BANK)]
    assert os.path.samefile(argv[0], os.sys.executable)


def test_another_site_cannot_open_a_tab(served):
    import asyncio

    async def connect(origin: str) -> int:
        async with aiohttp.ClientSession() as client:
            try:
                async with client.ws_connect(tab_url(served.url), headers={"Origin": origin}):
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    assert asyncio.run(connect("http://evil.example")) == 403
    assert served.apps() == []
    assert asyncio.run(connect(served.url.rstrip("/"))) == 101


def test_the_page_points_its_websocket_at_the_address_the_browser_used(served):
    import urllib.request

    request = urllib.request.Request(served.url, headers={"Host": f"localhost:{served.port}"})
    page = urllib.request.urlopen(request, timeout=20).read().decode()
    assert f"ws://localhost:{served.port}/ws" in page
    assert f"http://localhost:{served.port}/static/" in page


def test_remote_needs_the_flag_and_is_warned_about(quiz_data_dir):
    server = start_serve(quiz_data_dir, "--host", "0.0.0.0", "--allow-remote")
    try:
        assert server.stop() == 0
        warning = server.process.stderr.read().decode()
    finally:
        server.process.stdout.close()
        server.process.stderr.close()
    assert "pain-trainer: warning: serving to other machines with no authentication" in warning


async def test_f10_reaches_the_app_through_the_page_and_quits_it(served):
    """Browsers keep Ctrl+Q; in a tab the home menu offers F10, and F10 ends the tab's app."""
    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(tab_url(served.url)) as websocket:
            tab = Tab(websocket)
            mark = await tab.wait_for_text("Quit")
            await tab.wait_for_text("F10", mark)
            [app] = wait_for(served.apps, "the tab's app process")
            await tab.press("\x1b[21~")  # what xterm.js sends for F10
            await tab.wait_closed()
    wait_for(lambda: not is_running(app), "the app to end")
