"""End to end in a real browser: Debian's chromium, driven by selenium through Debian's
chromium-driver (``apt-get install chromium chromium-driver``; ``.ci/run`` installs them), with
no browser download at run time. Skipped, saying why, where they are not installed.

The page draws the terminal on a canvas, so keys are typed into xterm.js's helper textarea, as a
person's keys are, and the test reads what was drawn from the page's websocket (an observer
installed before the page's scripts run) and what was stored from the history database.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tests.serve.conftest import SERVE_BANK_ID, is_running, wait_for
from tests.serve.wsclient import plain
from trainer.history.store import Store

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if os.path.exists(p)), None)
CHROMEDRIVER = next(
    (p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "") if os.path.exists(p)), None
)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="no chromium + chromium-driver here (apt-get install chromium chromium-driver; .ci/run does)",
    ),
    pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the app processes from /proc (Linux)"),
]

# Keeps, in the page, the text of everything the server draws (binary frames, escapes and all).
OBSERVE_WEBSOCKET = """
window.__drawn = [];
const PageWebSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new PageWebSocket(...args);
  socket.addEventListener("message", (event) => {
    if (event.data instanceof ArrayBuffer) window.__drawn.push(new TextDecoder().decode(event.data));
    else if (event.data instanceof Blob) event.data.text().then((text) => window.__drawn.push(text));
  });
  return socket;
};
window.WebSocket.prototype = PageWebSocket.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""


@pytest.fixture
def browser(tmp_path, monkeypatch):
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium-manager must not look for a browser online
    monkeypatch.setenv("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


class Page:
    """The trainer's page opened in the current (new) tab: type into the terminal, wait for what it draws."""

    def __init__(self, driver, url: str):
        self.driver = driver
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVE_WEBSOCKET})  # this tab's
        driver.get(url)
        self.seen = 0

    def drawn(self) -> str:
        return plain("".join(self.driver.execute_script("return window.__drawn || [];")))

    def wait_for_text(self, text: str) -> None:
        """Wait until ``text`` is drawn after what was waited for last."""
        found = wait_for(lambda: (at := self.drawn().find(text, self.seen)) >= 0 and at + 1, f"{text!r} drawn")
        self.seen = found - 1 + len(text)

    def type(self, *keys: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea").send_keys(*keys)


def test_a_quiz_in_the_browser_keeps_both_answers_when_the_tab_is_closed(served, browser):
    from selenium.webdriver.common.keys import Keys

    started = time.monotonic()
    page = Page(browser, served.url)
    page.wait_for_text("Start a quiz")
    page.type("s")
    page.wait_for_text("New quiz")  # the remembered setup: 3 untimed tutor-mode questions of the test bank
    page.type(Keys.CONTROL, "s")
    page.wait_for_text("1/3")
    for number in (1, 2):
        page.type("1", Keys.ENTER)  # option 1 is right in every question of the test bank
        page.wait_for_text("Correct")
        if number == 1:
            page.type(Keys.ENTER)
            page.wait_for_text("2/3")
    [app] = served.apps()

    trainer_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    other_tab = browser.current_window_handle
    browser.switch_to.window(trainer_tab)
    browser.close()  # the tab, mid-quiz
    browser.switch_to.window(other_tab)
    wait_for(lambda: not is_running(app), "the closed tab's app to end")

    with Store.open(served.data_dir) as store:
        resume = store.unfinished_session()
    assert resume is not None, "the quiz is not offered for resume"
    answers = sorted(resume.answers, key=lambda a: a.position)
    assert [(a.position, a.bank_id, a.correct) for a in answers] == [(0, SERVE_BANK_ID, True), (1, SERVE_BANK_ID, True)]

    page = Page(browser, served.url)  # a new tab offers to resume it, and resumes at question 3
    page.wait_for_text("2 of 3 answered")
    page.type("u")
    page.wait_for_text("3/3")
    assert time.monotonic() - started < 60
