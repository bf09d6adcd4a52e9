"""Writes the README's screenshots: the shipped site built with its search
index, served on loopback, photographed in headless Chromium at desktop
(1280 px) and phone (375 px) widths (and the search page with results). Run by scripts/screenshots; each PNG
shows the top of its page, clipped so the files stay small."""

import os
import pathlib
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import ThreadingHTTPServer

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from conftest import REPOSITORY, SOURCE_DATE_EPOCH, QuietHandler, briefings_binary, chrome, set_width  # noqa: E402

SHOTS = {
    "home": "/",
    "briefing": "/briefings/vision-to-value/",
    "case-study": "/case-studies/kent/",
    "matrix": "/case-studies/",
    "chapter": "/routemap/information/",
    "search": "/search/?q=council&principle=Innovate",
}
SIZES = {"desktop": (1280, 900, False), "phone": (375, 812, True)}


def main(folder):
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = pathlib.Path(scratch) / "Output"
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        subprocess.run([briefings_binary(), "build", "--quiet", "--output", str(site)], cwd=REPOSITORY, env=env, check=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        driver = chrome()
        try:
            for size, (width, height, mobile) in SIZES.items():
                set_width(driver, width, height, mobile)
                for name, path in SHOTS.items():
                    driver.get(base + path)
                    if "?q=" in path:  # wait for the results script adds
                        WebDriverWait(driver, 15).until(
                            lambda d: d.find_elements(By.CSS_SELECTOR, "#site-search-results li"))
                    target = folder / f"{name}-{size}.png"
                    target.write_bytes(driver.get_screenshot_as_png())
                    print(f"{target.relative_to(REPOSITORY)}: {target.stat().st_size // 1024} KB")
        finally:
            driver.quit()
            server.shutdown()


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else REPOSITORY / "docs" / "screenshots")
