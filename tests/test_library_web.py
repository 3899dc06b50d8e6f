"""`zhengce serve` (issue #19): the web app on a real localhost port, over HTTP and in headless Chromium.

The server starts once for the module; the browser tests need Debian's chromium-driver and are
skipped without it."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
import uvicorn
from zhengce.rulegen.web import create_app

from tests.library_notices import build_library

CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, dict[str, int]]]:
    """(base URL, notice id by short name) of the app serving a library of four notices."""
    db, ids = build_library(tmp_path_factory.mktemp("web"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=app.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not app.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", ids
    app.should_exit = True
    thread.join(5)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def test_notice_text_is_escaped(server):
    base, ids = server
    status, page = get(f"{base}/notice/{ids['reward']}")
    assert status == 200
    assert "&lt;script&gt;alert（1）&lt;/script&gt;" in page and "<script>" not in page  # (1) is normalised to （1）


def test_search_words_are_escaped_where_they_are_shown_again(server):
    base, _ = server
    status, page = get(f"{base}/?q=" + urllib.parse.quote('"><script>x</script>'))
    assert status == 200 and "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


@pytest.mark.parametrize(("path", "message"), [
    ("/?valid_on=2025-13-01", "not a date: &#39;2025-13-01&#39;"),
    ("/?min_amount=" + urllib.parse.quote("很多"), "not an amount: &#39;很多&#39;"),
    ("/?kind=reward", "unknown kind &#39;reward&#39;"),
    ("/?limit=x", "not a number: &#39;x&#39;"),
    ("/notice/abc", "the notice must be a notice number, not &#39;abc&#39;"),
    ("/compare?a=1&b=" + urllib.parse.quote("<b>"), "b must be a notice number, not &#39;&lt;b&gt;&#39;"),
    ("/match?today=tomorrow", "not a date: &#39;tomorrow&#39;"),
    ("/match?profile=" + urllib.parse.quote("[1, 2]"), "the figures are lines of `variable: value`"),
    ("/match?rec=" + urllib.parse.quote("认定.月球企业"), "unknown recognition &#39;认定.月球企业&#39;"),
])
def test_a_bad_parameter_is_a_400_page(server, path, message):
    base, _ = server
    status, page = get(base + path)
    assert status == 400 and message in page and "Traceback" not in page


def test_a_missing_notice_is_a_404_page(server):
    base, _ = server
    assert get(f"{base}/notice/9999")[0] == 404


@pytest.fixture(scope="module")
def browser():
    if CHROMEDRIVER is None:
        pytest.skip("no chromium-driver: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def click_and_wait(browser, element, css: str):
    """Click, then wait for the next page: the element `css` names appears on it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    element.click()
    return WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_browser_search_open_a_notice_and_see_a_fact(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    base, ids = server
    browser.get(base + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("小巨人")
    browser.find_element(By.NAME, "min_amount").send_keys("60万")
    click_and_wait(browser, browser.find_element(By.ID, "search"), "#results")
    results = browser.find_elements(By.CSS_SELECTOR, "#results tr.result")
    assert [r.find_element(By.TAG_NAME, "a").text for r in results] == ["清远市专精特新企业奖励办法"]
    assert "80万元" in results[0].text
    title = click_and_wait(browser, results[0].find_element(By.TAG_NAME, "a"), "#notice-title")
    assert title.text == "清远市专精特新企业奖励办法"
    fact = next(f for f in browser.find_elements(By.CSS_SELECTOR, "#text a.fact.benefit") if f.text.startswith("80万元"))
    tip = fact.find_element(By.CLASS_NAME, "tip")
    assert not tip.is_displayed()
    ActionChains(browser).move_to_element(fact).perform()
    assert tip.is_displayed()
    assert tip.text.startswith("奖补 benefit") and "80万元" in tip.text and "rule art2#1 (benefit)" in tip.text
    in_text = browser.find_elements(By.CSS_SELECTOR, "#text a.cite")
    assert [(a.text, a.get_attribute("href").endswith(f"/notice/{ids['003']}")) for a in in_text] == [
        ("清远市促进中小企业特色产业集群发展暂行办法", True), ("清工信函〔2025〕16号", True)]
    cited = browser.find_element(By.CSS_SELECTOR, "#cites a")
    assert cited.get_attribute("href").endswith(f"/notice/{ids['003']}")
    click_and_wait(browser, cited, "#cited-by a")  # the citing notice has none: this is the cited one
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#cited-by a")] == [
        "《清远市专精特新企业奖励办法》（清工信〔2025〕9号）", "《清远市专精特新企业奖励办法》（清工信〔2025〕21号）"]


def test_browser_compare_two_notices(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, ids = server
    browser.get(base + "/compare")
    Select(browser.find_element(By.ID, "compare-a")).select_by_value(str(ids["reward"]))
    Select(browser.find_element(By.ID, "compare-b")).select_by_value(str(ids["revised"]))
    click_and_wait(browser, browser.find_element(By.ID, "compare"), "#library-nav")
    body = browser.find_element(By.TAG_NAME, "body").text  # the diff report, whatever its wording
    assert "notice " + str(ids["reward"]) in body and "notice " + str(ids["revised"]) in body
    assert all(figure in body for figure in ("50万元", "80万元", "10万元", "第六条"))


def test_browser_match_form(server, browser):
    from selenium.webdriver.common.by import By

    base, ids = server
    browser.get(base + "/match")
    browser.find_element(By.ID, "profile").send_keys("营业收入.上一年度: 1500万元")
    browser.find_element(By.CSS_SELECTOR, "input[value='认定.国家专精特新小巨人企业']").click()
    click_and_wait(browser, browser.find_element(By.ID, "match"), "#matches")
    rows = {(r.find_elements(By.TAG_NAME, "td")[2].text, r.find_elements(By.TAG_NAME, "td")[3].text,
             r.find_element(By.TAG_NAME, "td").text)
            for r in browser.find_elements(By.CSS_SELECTOR, "#matches tr[class^=status]")
            if f"/notice/{ids['reward']}#" in r.find_element(By.TAG_NAME, "a").get_attribute("href")}
    assert rows == {("art2#1", "50万元", "applies"), ("art3#1", "30万元", "does_not_apply")}
