"""`briefings serve` in a real browser: the page the editor has open reloads by
itself when the Markdown is saved, shows the error page when the file breaks,
comes back when it is fixed, and a changed stylesheet is swapped in without a
reload or a jump in scroll position. Nothing here clicks or reloads: the test
only edits files, as an editor would."""

import os
import shutil
import subprocess
import time
import urllib.request

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, briefings_binary, free_port


@pytest.fixture
def preview(tmp_path):
    """A copy of the shipped site, served by `briefings serve` on loopback."""
    shutil.copytree(REPOSITORY / "Content", tmp_path / "Content")
    shutil.copytree(REPOSITORY / "Templates", tmp_path / "Templates")
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen([briefings_binary(), "serve", "--port", str(port)], cwd=tmp_path, stdout=log,
                               stderr=subprocess.STDOUT, env=dict(os.environ, NO_COLOR="1"))
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield tmp_path, url
    process.terminate()
    process.wait(timeout=10)
    log.close()


def wait_connected(driver):
    """Events sent before the page's EventSource is open would be lost."""
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return window.__briefingsLiveReload && window.__briefingsLiveReload.readyState === 1"))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_saving_markdown_reloads_the_open_page(driver, preview):
    site, url = preview
    driver.get(url + "/case-studies/kent/")
    wait_connected(driver)
    driver.execute_script("window.__notReloaded = true")
    started = time.monotonic()
    edit(site / "Content/case-studies/kent.md", "## Why it is cited", "## Why it is cited\n\nA sentence added while previewing.")
    WebDriverWait(driver, 5).until(lambda d: "A sentence added while previewing." in d.page_source)
    elapsed = time.monotonic() - started
    assert driver.execute_script("return window.__notReloaded === undefined"), "the page changed without reloading"
    assert elapsed < 2.0, f"the change took {elapsed:.2f} s to appear"


def test_a_broken_file_shows_the_error_and_its_fix_brings_the_page_back(driver, preview):
    site, url = preview
    page = site / "Content/case-studies/kent.md"
    original = page.read_text(encoding="utf-8")
    driver.get(url + "/case-studies/kent/")
    wait_connected(driver)
    page.write_text(original.replace("principles: [redesign]", "principles: [redesing]"), encoding="utf-8")
    WebDriverWait(driver, 5).until(lambda d: "The site has 1 error" in d.page_source)
    assert "Content/case-studies/kent.md" in driver.page_source
    assert "did you mean" in driver.page_source
    wait_connected(driver)
    page.write_text(original, encoding="utf-8")
    WebDriverWait(driver, 5).until(lambda d: d.find_element("tag name", "h1").text == "Kent")
    # And every other page showed the error meanwhile too, then recovered.
    driver.get(url + "/about/")
    assert "The site has" not in driver.page_source


def test_a_changed_stylesheet_is_swapped_in_without_losing_the_scroll_position(driver, preview):
    site, url = preview
    driver.get(url + "/briefings/vision-to-value/")
    wait_connected(driver)
    driver.execute_script("window.scrollTo(0, 600); window.__notReloaded = true")
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.scrollY") >= 500)
    before = driver.execute_script("return window.scrollY")
    stylesheet = site / "Templates/assets/style.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n", encoding="utf-8")
    WebDriverWait(driver, 5).until(
        lambda d: d.execute_script("return getComputedStyle(document.body).outlineColor") == "rgb(1, 2, 3)")
    assert driver.execute_script("return window.__notReloaded === true"), "the page reloaded for a stylesheet"
    assert abs(driver.execute_script("return window.scrollY") - before) < 5
