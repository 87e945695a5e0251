"""Session fixtures: a headless browser, and the repository's graph built once (with copies for tests that change it)."""

# --------------------------------------------------------------------------------------------
# Browser fixtures (headless Debian Chromium through playwright's sync API).
# Self-contained: nothing outside this section depends on it, and it depends on nothing else.
# --------------------------------------------------------------------------------------------

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import copy_inputs
from tools.browser import CHROMIUM, launch


def pytest_configure(config):
    """Register the ``browser`` marker (tests that drive headless Chromium)."""
    config.addinivalue_line("markers", "browser: test drives a headless Chromium (needs /usr/bin/chromium)")


@dataclass
class PageLog:
    """What a page did besides rendering: the URLs it may load and everything it tried or broke."""

    allowed: set = field(default_factory=set)
    blocked: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)

    def allow(self, url: str) -> None:
        """Permit exactly this URL (the file:// page under test)."""
        self.allowed.add(url)


@pytest.fixture(scope="module")
def browser():
    """Launch Debian's Chromium once per test module; fail (not skip) when it is missing."""
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` "
                    "(see the Makefile); never `playwright install`, it needs the network.")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = launch(pw)
    except Exception as exc:  # a broken install should say so plainly
        pw.stop()
        pytest.fail(f"Could not launch Chromium at {CHROMIUM}: {exc}")
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def page(browser):
    """A fresh page whose every request except allowed file:// URLs is aborted and recorded.

    The page carries a ``kg_log`` (:class:`PageLog`): call ``page.kg_log.allow(url)`` before
    ``page.goto(url)``; afterwards inspect ``blocked``, ``page_errors`` and ``console_errors``.
    data: and blob: URLs never reach the router, so they need no exemption.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    pg = context.new_page()
    log = PageLog()

    def route(r):
        """Let only the page itself through; abort and remember anything else."""
        if r.request.url in log.allowed:
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    pg.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.kg_log = log
    yield pg
    context.close()


# --------------------------------------------------------------------------------------------
# The real graph, built once per session from the repository's ontology and data into a temp folder.
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The BuildResult of the repository's own ontology and data (outputs in a temporary build/)."""
    from kg.project import Project
    from kg.release import build_release

    root = copy_inputs(tmp_path_factory.mktemp("repo"))
    result = build_release(Project(root))
    result.root = root
    return result


@pytest.fixture(scope="session")
def copy_built(built):
    """Copy the session's built project (ontology, data and build outputs) to a new folder, for tests that change it."""
    def copy(root: Path) -> Path:
        shutil.copytree(built.root, root)
        return root

    return copy


@pytest.fixture(scope="session")
def kg(built):
    """The built graph loaded through the public API, as a user would, into Oxigraph (the store tests cover the others)."""
    from kg import KnowledgeGraph

    return KnowledgeGraph.load(built.root / "build" / "kg.nt", store="oxigraph")


@pytest.fixture(scope="session")
def memory_kg(built):
    """The built graph in rdflib's memory store, for what only it keeps: a decimal's lexical form ("7.0", not 7)."""
    from kg import KnowledgeGraph

    return KnowledgeGraph.load(built.root / "build" / "kg.nt")
