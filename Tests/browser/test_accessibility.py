"""axe-core (4.9, bundled by selenium-axe-python) on one page of every kind:
no violation of any impact under WCAG 2.0, 2.1 and 2.2 A and AA, and axe's
best practices. At desktop width, at 320 px, and on the search page with
results showing (the only content script adds)."""

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PAGES, set_width

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OPTIONS = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})


def audit(driver):
    from selenium_axe_python import Axe

    axe = Axe(driver)
    axe.inject()
    version = driver.execute_script("return axe.version")
    major, minor = (int(part) for part in version.split(".")[:2])
    assert (major, minor) >= (4, 9), f"axe-core {version} is older than 4.9"
    results = axe.run(options=OPTIONS)
    return results["violations"], axe


def describe(violations, axe):
    return axe.report(violations) if violations else ""


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_violations_at_desktop_width(desktop, base_url, kind):
    desktop.get(base_url + PAGES[kind])
    violations, axe = audit(desktop)
    assert violations == [], describe(violations, axe)


@pytest.mark.parametrize("kind", ["home", "chapter", "case-study", "matrix", "search"])
def test_no_violations_at_320px(desktop, base_url, kind):
    set_width(desktop, 320, 800, mobile=True)
    desktop.get(base_url + PAGES[kind])
    violations, axe = audit(desktop)
    assert violations == [], describe(violations, axe)


def test_no_violations_with_search_results_showing(desktop, base_url):
    desktop.get(base_url + "/search/?q=council&principle=Collaborate")
    WebDriverWait(desktop, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#site-search-results li"))
    violations, axe = audit(desktop)
    assert violations == [], describe(violations, axe)
