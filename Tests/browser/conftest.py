"""Fixtures for the browser tests: the shipped site built once with its search
index, served over http on loopback, and one headless Chromium for all tests.

Run them with scripts/browser-tests, which installs what they need. To run
pytest by hand, put .venv-browser/bin (with its `pagefind` link) first on PATH
and build Briefings first (`swift build`); BRIEFINGS_BINARY names another
binary.
"""

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Selenium Manager must never go to the network: the driver is Debian's.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
# 21 October 2014, the briefing's launch: the footer's build date, fixed so
# that the site is the same bytes on every run.
SOURCE_DATE_EPOCH = "1413849600"
BASE_URL = "https://briefings.example.org/"

# One page of every kind the theme lays out, by URL path.
PAGES = {
    "home": "/",
    "briefing": "/briefings/vision-to-value/",
    "strategy": "/briefings/planting-the-flag/",
    "document": "/routemap/",
    "chapter": "/routemap/information/",
    "whole-document": "/routemap/whole-document/",
    "case-study": "/case-studies/kent/",
    "matrix": "/case-studies/",
    "vocabulary": "/principles/",
    "term": "/principles/innovate/",
    "page": "/about/",
    "search": "/search/",
    "not-found": "/404.html",
}


def briefings_binary():
    path = os.environ.get("BRIEFINGS_BINARY") or str(REPOSITORY / ".build" / "debug" / "briefings")
    if not os.access(path, os.X_OK):
        pytest.exit(f"the briefings binary is not at {path}; run 'swift build' first", returncode=2)
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The shipped Content/ built with --search into a temporary folder."""
    if not shutil.which("pagefind"):
        pytest.exit("pagefind is not on PATH; run the tests with scripts/browser-tests", returncode=2)
    output = tmp_path_factory.mktemp("site") / "Output"
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_COLOR="1")
    result = subprocess.run([briefings_binary(), "build", "--search", "--strict", "--output", str(output)],
                            cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "pagefind" / "pagefind.js").is_file(), "the search index was not built"
    return output


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site like a static host; `.xml` as XML. No request log."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/xml",
                      ".js": "text/javascript", ".svg": "image/svg+xml", ".pagefind": "application/octet-stream"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield url
    server.shutdown()
    server.server_close()


def chrome(javascript=True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--hide-scrollbars", "--lang=en-GB"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session")
def driver():
    browser = chrome()
    yield browser
    browser.quit()


@pytest.fixture
def desktop(driver):
    """The shared browser at 1280 px wide; back to that after each test."""
    set_width(driver, 1280)
    yield driver
    set_width(driver, 1280)


def set_width(driver, width, height=1000, mobile=False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def venv_tool(name):
    """A console script of this Python's environment (it need not be activated)."""
    return str(pathlib.Path(sys.executable).parent / name)
