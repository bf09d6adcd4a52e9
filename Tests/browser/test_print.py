"""Printing, through Chromium's own print-to-PDF (the DevTools protocol's
Page.printToPDF): a Routemap chapter's first sheet has its title, its
metadata and its web address, and no navigation; links print their address;
the whole-document page starts each chapter on a new sheet."""

import base64
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import BASE_URL, PAGES


def print_to_pdf(driver, url):
    driver.get(url)
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True})
    return PdfReader(io.BytesIO(base64.b64decode(printed["data"])))


def raw(page):
    # The PDF's fonts set "fi" as one ligature glyph; NFKC makes it two letters.
    return unicodedata.normalize("NFKC", page.extract_text() or "")


def text(page):
    # Line breaks inside a phrase are a matter of layout, not content.
    return re.sub(r"\s+", " ", raw(page))


@pytest.fixture(scope="module")
def chapter_pdf(driver, base_url):
    return print_to_pdf(driver, base_url + PAGES["chapter"])


def test_a_chapter_prints_its_metadata_and_address_on_page_one(chapter_pdf):
    first = text(chapter_pdf.pages[0])
    for expected in ["Chapter 2 Information", "Routemap for Local Public Services Reform", "From Socitm",
                     "First published 11 May 2011", "Status Published",
                     "Online at " + BASE_URL + "routemap/information/"]:
        assert expected in first, f"{expected!r} is not on page one: {first[:600]}"


def test_navigation_is_not_printed(chapter_pdf):
    everything = " ".join(text(page) for page in chapter_pdf.pages)
    for hidden in ["Skip to main content", "Back to top", "Read the whole document on one page", "Next Public services"]:
        assert hidden not in everything, hidden
    # The menu's "Case studies" and "About" are not printed either.
    assert not re.search(r"Planting the Flag Case studies About", everything)


def test_links_print_their_address(chapter_pdf):
    everything = "".join(raw(page).replace("\n", "") for page in chapter_pdf.pages)
    assert "(" + BASE_URL + "routemap/)" in everything, everything[:1500]


def test_the_whole_document_starts_each_chapter_on_a_new_sheet(driver, base_url):
    pdf = print_to_pdf(driver, base_url + PAGES["whole-document"])
    pages = [text(page) for page in pdf.pages]
    first = pages[0]
    assert "Online at " + BASE_URL + "routemap/whole-document/" in first
    starts = []
    for number in range(1, 7):
        found = [index for index, page in enumerate(pages) if f"Chapter {number}:" in page]
        assert found, f"chapter {number} is not printed"
        starts.append(found[0])
        assert pages[found[0]].lstrip().startswith(f"Chapter {number}:"), pages[found[0]][:200]
    assert starts == sorted(set(starts)), starts
