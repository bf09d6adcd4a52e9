"""The search page in a real browser, over Pagefind's real index: words from a
case study find it, and a principle filter narrows the results to pages with
that principle."""

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def results(driver):
    return [link.get_attribute("href") for link in driver.find_elements(By.CSS_SELECTOR, "#site-search-results h2 a")]


def status(driver):
    return driver.find_element(By.ID, "site-search-status").text


def search_for(driver, base_url, word):
    driver.get(base_url + "/search/")
    box = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "site-search-input"))
    assert box.is_displayed(), "the search form stays hidden with JavaScript on"
    box.send_keys(word)
    WebDriverWait(driver, 15).until(lambda d: f"for \u201c{word}\u201d" in status(d))
    return results(driver)


def test_typing_a_word_from_a_case_study_lists_it(desktop, base_url):
    # "Lambeth" is in the text of the Lambeth case study (and pages citing it).
    found = search_for(desktop, base_url, "Lambeth")
    assert base_url + "/case-studies/lambeth/" in found, found
    first = desktop.find_element(By.CSS_SELECTOR, "#site-search-results li")
    assert "Case study" in first.text or "Lambeth" in first.text
    assert desktop.find_elements(By.CSS_SELECTOR, "#site-search-results mark"), "matches are not highlighted"


def test_a_principle_filter_narrows_the_results(desktop, base_url, site):
    studies = json.loads((site / "case-studies" / "index.json").read_text())
    innovate = {base_url + entry["path"] for entry in studies["case_studies"]
                if "innovate" in entry["terms"].get("principles", [])}
    everything = search_for(desktop, base_url, "council")
    assert len(everything) >= 4, everything
    desktop.find_element(By.CSS_SELECTOR, "label[for='filter-principles-innovate']").click()
    WebDriverWait(desktop, 15).until(lambda d: "with Innovate" in status(d))
    narrowed = results(desktop)
    assert 0 < len(narrowed) < len(everything), (narrowed, everything)
    assert set(narrowed) <= set(everything)
    assert set(narrowed) <= innovate, set(narrowed) - innovate
    # The address records the search, so it can be shared and comes back.
    assert "q=council" in desktop.current_url and "principle=Innovate" in desktop.current_url
    desktop.get(desktop.current_url)
    WebDriverWait(desktop, 15).until(lambda d: "with Innovate" in status(d))
    assert sorted(results(desktop)) == sorted(narrowed)
    assert desktop.find_element(By.ID, "filter-principles-innovate").is_selected()


def test_pagefind_indexes_filters_for_principle_capability_and_type(desktop, base_url):
    desktop.get(base_url + "/search/")
    filters = desktop.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import(arguments[0]).then(async pf => { await pf.init(); done(await pf.filters()); },
                                   e => done({error: String(e)}));""", base_url + "/pagefind/pagefind.js")
    assert "error" not in filters, filters
    assert {"principle", "capability", "type"} <= set(filters), filters
    assert set(filters["principle"]) == {"Innovate", "Redesign", "Collaborate"}
    assert {"Briefing", "Strategy", "Document", "Chapter", "Case study"} <= set(filters["type"])
    # Every box on the form names a value the index has.
    for box in desktop.find_elements(By.CSS_SELECTOR, "#site-search-form input[type=checkbox]"):
        name, value = box.get_attribute("name"), box.get_attribute("value")
        assert value in filters.get(name, {}), (name, value)
