#!/usr/bin/env python3
"""The web page of `newsgraph serve` in headless Chromium, as a person uses it.

Loads /, runs `people-and-roles` then `fact-provenance` from the menu, waits
for result rows, clicks an event IRI, checks the event page shows facts and a
source sentence, follows the event's subject to its entity page (names,
identifiers, events with sentences) and saves screenshots of the results
(target/browser-check-query.png) and of the entity page
(target/browser-check.png). Starts and stops `serve` itself.
Prints 'N passed, N failed' and exits 1 on any failure.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import ROOT, check, finish  # noqa: E402
from serve_check import start_server  # noqa: E402


def browser(profile):
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1400", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/ci/newsgraph"))
    ap.add_argument("--screenshot", default=os.path.join(ROOT, "target/browser-check.png"))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    # Selenium must not try to download a driver: there is no network to do it
    os.environ.setdefault("SE_OFFLINE", "true")
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        subprocess.run([binary, "ingest", os.path.join(ROOT, "data/articles"), "--store", store],
                       check=True, capture_output=True)
        with open(os.path.join(tmp, "serve.log"), "wb") as log:
            proc, port = start_server(binary, store, log)
            driver = None
            try:
                driver = browser(os.path.join(tmp, "profile"))
                run_checks(driver, f"http://127.0.0.1:{port}", a.screenshot)
            except Exception as e:  # a step that cannot run is a failure, reported with its cause
                check("browser session", False, repr(e))
                if driver is not None:
                    driver.save_screenshot(a.screenshot)
            finally:
                if driver is not None:
                    driver.quit()
                proc.terminate()
                proc.wait(timeout=20)
    finish()


def run_checks(driver, base, screenshot):
    wait = WebDriverWait(driver, 20)
    driver.get(base + "/")
    check("page title", driver.title == "newsgraph", driver.title)
    menu = wait.until(EC.presence_of_element_located((By.ID, "named")))
    wait.until(lambda d: len(Select(menu).options) > 1)
    options = [o.get_attribute("value") for o in Select(menu).options]
    check("the menu lists the named queries", "fact-provenance" in options and "people-and-roles" in options, str(options))

    Select(menu).select_by_value("people-and-roles")
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results tbody tr"))
    check(f"people-and-roles shows rows ({len(rows)})", len(rows) > 0)
    os.makedirs(os.path.dirname(screenshot), exist_ok=True)
    driver.save_screenshot(screenshot.replace(".png", "-query.png"))

    Select(menu).select_by_value("fact-provenance")
    wait.until(lambda d: "PriceMove" in d.find_element(By.ID, "sparql").get_attribute("value"))
    rows = wait.until(lambda d: [r for r in d.find_elements(By.CSS_SELECTOR, "#results tbody tr")
                                 if r.find_elements(By.CSS_SELECTOR, "a.iri")])
    check(f"fact-provenance shows rows with IRIs ({len(rows)})", len(rows) > 0)
    status = driver.find_element(By.ID, "status").text
    check("the status line counts the rows", "row" in status, status)

    link = rows[0].find_element(By.CSS_SELECTOR, "a.iri")
    event_iri = link.get_attribute("title")
    link.click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#entity .entity-head h1"))
    check("clicking an IRI opens its page", "#/entity?iri=" in driver.current_url, driver.current_url)
    page = driver.find_element(By.ID, "entity").text
    check("the event page names the IRI", event_iri in page, event_iri)
    check("the event page has facts", "Facts" in page.upper() or "FACTS" in page, page[:300])
    sentences = driver.find_elements(By.CSS_SELECTOR, "#entity blockquote.evidence")
    check(f"the event page shows source sentences ({len(sentences)})",
          len(sentences) > 0 and all(s.text.strip() for s in sentences))
    check("a source names its article", bool(driver.find_elements(By.CSS_SELECTOR, "#entity .source a")))

    # the event's subject: an entity with names, identifiers and events
    about = [a for a in driver.find_elements(By.CSS_SELECTOR, "#entity dd a.iri") if "/id/entity/" in (a.get_attribute("title") or "")]
    check("the event links to the entity it is about", len(about) > 0)
    if about:
        about[0].click()
        wait.until(lambda d: "BIDU" in d.find_element(By.ID, "entity").text
                   or d.find_elements(By.CSS_SELECTOR, "#entity .error"))
        text = driver.find_element(By.ID, "entity").text
        check("the entity page shows the name Baidu", "Baidu" in text, text[:300])
        check("the entity page shows identifiers (ticker, Wikidata QID, exchange)",
              "BIDU" in text and "Q14772" in text and "XNAS" in text, text[:500])
        events = driver.find_elements(By.CSS_SELECTOR, "#entity .card.wide .fact")
        quotes = driver.find_elements(By.CSS_SELECTOR, "#entity .card.wide blockquote.evidence")
        check(f"the entity page lists events with source sentences ({len(events)} facts, {len(quotes)} sentences)",
              len(events) > 0 and len(quotes) > 0)
        check("no error box", not driver.find_elements(By.CSS_SELECTOR, "#entity .error"))
    os.makedirs(os.path.dirname(screenshot), exist_ok=True)
    driver.save_screenshot(screenshot)
    check(f"screenshot saved to {os.path.relpath(screenshot, ROOT)}", os.path.getsize(screenshot) > 10000)

    # back to the editor: a bad query shows the server's message
    driver.get(base + "/#/")
    area = wait.until(EC.presence_of_element_located((By.ID, "sparql")))
    wait.until(lambda d: d.find_element(By.ID, "view-query").is_displayed())
    area.clear()
    area.send_keys("SELEKT nothing")
    driver.find_element(By.ID, "run").click()
    err = wait.until(lambda d: d.find_element(By.ID, "error") if d.find_element(By.ID, "error").is_displayed() else None)
    check("a bad query shows the parser's message", "syntax error" in err.text, err.text)


if __name__ == "__main__":
    main()
