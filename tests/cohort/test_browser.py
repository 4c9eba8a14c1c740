"""The HTML report in a real browser: Debian's headless chromium through chromedriver (selenium).

It must render its tables and its four SVG charts, log no console error (a blocked script or
resource would be one: the page's Content-Security-Policy forbids both), and make no network
request (Chrome's performance log lists every request the page made). Skipped, saying why,
where chromium, chromedriver or selenium is missing; ``.ci/run`` installs them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cohort import cohort12
from tests.cohort.builders import AS_OF_TEXT, Quiz, Session, export, write
from trainer.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HOSTILE = '<script>window.pwned = 1</script><img src="http://example.invalid/x.png">'


def _browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).exists():
            pytest.skip(f"{path} not found: install Debian's {package} (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,2000",
        "--no-first-run",
        "--disable-background-networking",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    exports = folder / "exports"
    exports.mkdir()
    cohort12.build(exports)
    write(
        exports,
        "hostile.json",
        export([Session("s-h", quiz=[Quiz("Q1", True, category=HOSTILE)])], resident_id="h", name=HOSTILE),
    )
    report = folder / "report.html"
    assert main(["cohort", str(exports), "--out", str(report), "--as-of", AS_OF_TEXT]) == 0
    driver = _browser()
    try:
        driver.get(report.as_uri())
        yield driver, report
    finally:
        driver.quit()


def test_tables_render_with_rows(page):
    from selenium.webdriver.common.by import By

    driver, _ = page
    tables = driver.find_elements(By.CSS_SELECTOR, "table[data-table]")
    names = {t.get_attribute("data-table") for t in tables}
    assert {"performance", "flagged", "items", "distractors", "interview_coverage", "red_flags"} <= names
    for table in tables:
        assert table.size["height"] > 20 and table.size["width"] > 100
        assert table.find_elements(By.CSS_SELECTOR, "tbody tr")


def test_charts_render_as_svg(page):
    from selenium.webdriver.common.by import By

    driver, _ = page
    figures = driver.find_elements(By.CSS_SELECTOR, "figure[data-chart]")
    assert {f.get_attribute("data-chart") for f in figures} == {"category", "weekly", "items", "coverage"}
    for figure in figures:
        svg = figure.find_element(By.TAG_NAME, "svg")
        assert svg.size["width"] > 300 and svg.size["height"] > 100
        drawn = driver.execute_script("return arguments[0].querySelectorAll('rect, path, circle').length", svg)
        assert drawn > 5


def test_no_console_errors_and_no_network_requests(page):
    driver, report = page
    severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    assert requests and all(url == report.as_uri() for url in requests), requests


def test_hostile_text_is_shown_not_run(page):
    from selenium.webdriver.common.by import By

    driver, _ = page
    assert driver.execute_script("return window.pwned === undefined")
    assert driver.find_elements(By.TAG_NAME, "script") == []
    assert driver.find_elements(By.CSS_SELECTOR, "body img") == []
    assert HOSTILE in driver.find_element(By.TAG_NAME, "body").text
