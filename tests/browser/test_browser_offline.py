"""Offline reading in Chromium (issue 25): read an explainer, lose the network, reload: the page is there with a
note saying it is a saved copy; a page never read gives the offline page, which lists the saved explainers and
opens them; "Save for offline reading" keeps another one with its text-only file. The site is served under a
folder, as site_url's path puts it, and the worker's scope is that folder."""

from __future__ import annotations

import pytest

from conftest import AR, EN, new_visit, serve

pytestmark = pytest.mark.browser

FOLDER = "conflict-explainers"
DAMASCUS = "explainers/fall-of-damascus/"


@pytest.fixture(scope="module")
def folder_url(site_dir, tmp_path_factory):
    """The built site at http://127.0.0.1:<port>/conflict-explainers/."""
    root = tmp_path_factory.mktemp("served")
    (root / FOLDER).symlink_to(site_dir, target_is_directory=True)
    url, server = serve(root)
    yield url + FOLDER + "/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def reader(browser, folder_url):
    contexts = []
    visit = new_visit(browser, folder_url, contexts)
    yield visit
    for context in contexts:
        context.close()


def kept(page, url: str) -> bool:
    return page.evaluate("""async (url) => {
        for (const name of await caches.keys()) {
            if (name.startsWith('ce-pages-') && await (await caches.open(name)).match(url)) return true;
        }
        return false;
    }""", url)


def wait_kept(page, url: str) -> None:
    for _ in range(50):
        if kept(page, url):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} was not kept for offline reading")


def test_a_page_read_once_reloads_offline_and_the_offline_page_lists_the_saved_ones(reader, folder_url):
    page = reader.page
    reader.goto(EN)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == folder_url  # site_url's path, found from the script's own address
    wait_kept(page, folder_url + EN)  # the first page, read before the worker was there
    reader.goto(AR)  # the second, through the worker
    wait_kept(page, folder_url + AR)
    title = page.text_content("h1")

    reader.context.set_offline(True)
    page.reload()
    assert page.text_content("h1") == title
    assert page.locator("li.ce-event").count() > 10
    note = page.text_content(".ce-saved-copy")
    assert note.startswith("أنت تقرأ نسخة محفوظة من")  # the page's language: Arabic

    page.goto(folder_url + DAMASCUS)  # never read: the offline page, listing what was
    assert page.text_content("h1") == "You are offline"
    links = page.locator("#ce-saved-list a")
    links.first.wait_for()
    assert sorted(links.all_text_contents()) == sorted([
        "Syrian rebels take Hama after lightning offensive through Aleppo - What We Know So Far",
        "فصائل المعارضة السورية تسيطر على حماة بعد هجوم خاطف عبر حلب - What We Know So Far"])
    page.click("#ce-saved-list a >> text=Syrian rebels take Hama")
    page.wait_for_load_state("load")
    assert page.url == folder_url + EN
    assert page.text_content("h1") == "Syrian rebels take Hama after lightning offensive through Aleppo"
    page.locator(".ce-saved-copy").wait_for()  # the deferred script adds the note once the page has loaded
    assert page.locator(".ce-saved-copy").count() == 1

    reader.context.set_offline(False)  # back online: the note offers the current version, and it is fresh
    page.wait_for_selector(".ce-saved-copy a")
    page.click(".ce-saved-copy a")
    page.wait_for_load_state("load")
    assert page.locator(".ce-saved-copy").count() == 0


def test_save_for_offline_keeps_the_explainer_and_its_text_only_file(reader, folder_url):
    page = reader.page
    reader.goto(DAMASCUS)
    page.evaluate("navigator.serviceWorker.ready")
    button = page.locator("button.ce-save")
    button.wait_for()
    assert button.text_content() == "Save for offline reading"
    button.click()
    page.wait_for_function("() => document.querySelector('button.ce-save').textContent === 'Saved on this device'")
    reader.context.set_offline(True)
    page.goto(folder_url + "lite/fall-of-damascus.html")
    assert page.text_content("h1") == "Assad's rule ends as rebels take Damascus"
    page.goto(folder_url + DAMASCUS)
    assert page.text_content("h1") == "Assad's rule ends as rebels take Damascus"


def test_without_javascript_nothing_is_registered_and_the_page_is_whole(browser, folder_url):
    contexts = []
    visit = new_visit(browser, folder_url, contexts, javascript=False)
    try:
        visit.goto(EN)
        assert visit.page.locator("button.ce-save").count() == 0
        assert visit.page.locator("a.ce-lite").count() == 1
        assert visit.page.locator("li.ce-event").count() > 10
    finally:
        for context in contexts:
            context.close()


CACHED = """async () => {
    const out = [];
    for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) out.push(request.url);
    }
    return out;
}"""


def test_the_worker_keeps_only_the_sites_own_files_and_no_search_index(reader, folder_url):
    page = reader.page
    reader.goto(EN)
    wait_kept(page, folder_url + EN)
    reader.goto(AR)  # controlled now: everything it fetches passes the worker
    wait_kept(page, folder_url + AR)
    other = folder_url.replace("127.0.0.1", "localhost")  # the same files from another origin
    page.evaluate("(url) => fetch(url, {mode: 'no-cors'}).catch(() => null)", other + "lite/index.html")
    page.click("#ce-search input")  # Pagefind's files load through the page the worker controls
    page.keyboard.type("Hama")
    page.wait_for_selector("#ce-search .pf-result, #ce-search [class*=result]", timeout=20_000)
    page.wait_for_timeout(500)
    assert any("/pagefind/" in url for url in reader.requests) and any(url.startswith(other) for url in reader.requests)
    kept = page.evaluate(CACHED)
    assert folder_url + "offline.html" in kept and folder_url + AR in kept
    assert all(url.startswith(folder_url) for url in kept), [u for u in kept if not u.startswith(folder_url)]
    assert not [url for url in kept if "/pagefind/" in url or url.endswith("/sw.js")]
