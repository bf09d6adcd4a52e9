"""Keyboard, small screens and no JavaScript: the skip link is the first focus
stop and moves focus to the main content; at 320 px nothing scrolls
sideways; without JavaScript every page still reads, and the search page says
where else to look."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import PAGES, chrome, set_width


def active(driver):
    return driver.execute_script(
        "const e = document.activeElement; return {tag: e.tagName, id: e.id, cls: e.className, text: e.textContent.trim()}")


@pytest.mark.parametrize("kind", ["home", "briefing", "chapter", "case-study", "search", "not-found"])
def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(desktop, base_url, kind):
    desktop.get(base_url + PAGES[kind])
    ActionChains(desktop).send_keys(Keys.TAB).perform()
    first = active(desktop)
    assert first["cls"] == "skip-link" and first["text"] == "Skip to main content", first
    link = desktop.switch_to.active_element
    box = desktop.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]", link)
    assert box[0] >= 0 and box[1] >= 0 and box[2] > 0 and box[3] > 0, f"the focused skip link is off screen: {box}"
    ActionChains(desktop).send_keys(Keys.ENTER).perform()
    after = active(desktop)
    assert after["tag"] == "MAIN" and after["id"] == "main-content", after
    assert desktop.current_url.endswith("#main-content")
    # The next Tab goes on from the main content, not back to the header.
    ActionChains(desktop).send_keys(Keys.TAB).perform()
    inside = desktop.execute_script("return document.getElementById('main-content').contains(document.activeElement)")
    assert inside, active(desktop)


@pytest.mark.parametrize("kind", list(PAGES))
def test_nothing_scrolls_sideways_at_320px(desktop, base_url, kind):
    set_width(desktop, 320, 700, mobile=True)
    desktop.get(base_url + PAGES[kind])
    widths = desktop.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]")
    assert widths[1] == 320, widths
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide at {widths[1]} px"
    # Wide content (the matrix) scrolls inside its own focusable region.
    for region in desktop.find_elements(By.CSS_SELECTOR, ".table-wrapper"):
        assert region.get_attribute("tabindex") == "0"


@pytest.fixture(scope="module")
def no_script():
    browser = chrome(javascript=False)
    yield browser
    browser.quit()


def test_without_javascript_pages_read_and_search_explains_itself(no_script, base_url):
    no_script.get(base_url + PAGES["chapter"])
    assert no_script.execute_script("return 1") == 1  # WebDriver's own scripts still run
    assert no_script.find_element(By.ID, "page-title").is_displayed()
    assert no_script.find_element(By.CSS_SELECTOR, "nav.chapters [aria-current=page]").text == "Information"
    no_script.get(base_url + PAGES["search"])
    assert no_script.find_element(By.ID, "site-search-fallback").is_displayed()
    assert not no_script.find_element(By.ID, "site-search-form").is_displayed()
    links = [a.get_attribute("href") for a in no_script.find_elements(By.CSS_SELECTOR, "#site-search-fallback a")]
    assert base_url + "/principles/" in links and base_url + "/capabilities/" in links


def test_footnotes_link_both_ways_by_keyboard(desktop, base_url):
    """The Routemap's note: following its mark reaches the note, and the note's
    back link returns to the mark, by keyboard alone."""
    desktop.get(base_url + PAGES["document"])
    mark = desktop.find_element(By.CSS_SELECTOR, "sup.footnote-ref a")
    mark.send_keys(Keys.ENTER)
    assert desktop.current_url.endswith("#fn-1")
    note = desktop.find_element(By.ID, "fn-1")
    assert "Socitm invites wide stakeholder involvement" in note.text
    assert desktop.execute_script("return document.querySelector(':target').id") == "fn-1"
    back = note.find_element(By.CSS_SELECTOR, "a.footnote-backref")
    assert back.get_attribute("aria-label") == "Back to reference 1"
    back.send_keys(Keys.ENTER)
    assert desktop.current_url.endswith("#fnref-1")
    top = desktop.execute_script("return document.getElementById('fnref-1').getBoundingClientRect().top")
    assert 0 <= top < desktop.execute_script("return window.innerHeight"), "the mark is not in view after going back"


def test_a_csv_table_reads_as_a_table(desktop, base_url):
    """The table written as CSV in the Routemap: a caption, column headers, and
    the rows in order, as a screen reader's table navigation sees them."""
    desktop.get(base_url + PAGES["document"])
    table = desktop.find_element(By.CSS_SELECTOR, ".table-wrapper table")
    assert table.find_element(By.TAG_NAME, "caption").text == "The Routemap and the strategy in 2011"
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]
    assert headers == ["Date", "What happened"]
    dates = [row.find_element(By.TAG_NAME, "td").text for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert dates == ["8 March", "4 April", "11 May", "16 May"]
    region = desktop.find_element(By.CSS_SELECTOR, ".table-wrapper")
    assert region.get_attribute("aria-labelledby") == table.find_element(By.TAG_NAME, "caption").get_attribute("id")
