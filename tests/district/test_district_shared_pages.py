"""Identical statement pages asked for at once share one query (district/shared_pages.py)."""

from __future__ import annotations

import socket
import threading
import time
import uuid

import httpx
import pytest
import uvicorn

from citizenship_app.district.shared_pages import SharedPages

from .conftest import XAPI_HEADERS, add_device
from .test_district_hub import statement

# -- SharedPages on its own --------------------------------------------------------------------


def _in_flight(pages: SharedPages, waiting: int) -> None:
    """Until `waiting` requests have joined the flight (threads of this test, not Qt)."""
    deadline = time.monotonic() + 20
    while sum(f.waiting for f in list(pages._flights.values())) < waiting:
        assert time.monotonic() < deadline, "the requests never joined the page being built"
        time.sleep(0.005)


def test_requests_for_a_page_being_built_wait_for_it_and_share_it():
    pages, release, builds = SharedPages(), threading.Event(), []

    def build():
        builds.append(1)
        release.wait(20)
        return b"page", {"X-Experience-API-Consistent-Through": "t1"}

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(pages.get("k", build))) for _ in range(3)]
    threads[0].start()
    deadline = time.monotonic() + 20
    while not pages._flights:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    for thread in threads[1:]:
        thread.start()
    _in_flight(pages, 2)
    release.set()
    for thread in threads:
        thread.join(20)
    assert len(builds) == 1 and pages.shared == 2
    assert answers == [(b"page", {"X-Experience-API-Consistent-Through": "t1"})] * 3
    # Nothing is kept: the next request builds its own page.
    assert pages.get("k", lambda: (b"newer", {})) == (b"newer", {}) and not pages._flights


def test_a_failed_build_is_not_shared_each_waiting_request_tries_its_own():
    pages, release = SharedPages(), threading.Event()
    calls = []

    def failing():
        calls.append("leader")
        release.wait(20)
        raise RuntimeError("the database went away")

    def own():
        calls.append("own")
        return b"mine", {}

    errors, answers = [], []

    def leader():
        try:
            pages.get("k", failing)
        except RuntimeError as exc:
            errors.append(str(exc))

    first = threading.Thread(target=leader)
    first.start()
    deadline = time.monotonic() + 20
    while not pages._flights:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    second = threading.Thread(target=lambda: answers.append(pages.get("k", own)))
    second.start()
    _in_flight(pages, 1)
    release.set()
    first.join(20)
    second.join(20)
    assert errors == ["the database went away"] and answers == [(b"mine", {})]
    assert calls == ["leader", "own"] and pages.shared == 0


# -- at a real hub -----------------------------------------------------------------------------


@pytest.fixture
def served_hub(tmp_path, request):
    """A SQLite hub's app served by uvicorn in a thread of this process (so the test can hold
    a query and read what the hub shared); `threads` as `serve --threads` sets it."""
    from citizenship_app.district.api import create_app
    from citizenship_app.district.server import _work_threads
    from citizenship_app.district.storage import Store

    url = f"sqlite:///{tmp_path / 'hub.db'}"
    store = Store(url)
    store.create_tables()
    username, password = add_device(url, "lab-1")
    app = create_app(store, home_page="https://hub.example")
    _work_threads(app, getattr(request, "param", 40))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the hub did not start"
        time.sleep(0.02)
    client = httpx.Client(
        base_url=f"http://127.0.0.1:{port}", auth=(username, password), headers=XAPI_HEADERS, timeout=30
    )
    yield app, store, client
    client.close()
    server.should_exit = True
    thread.join(timeout=10)
    store.engine.dispose()


def test_kiosks_asking_for_the_same_page_at_once_get_one_query_and_the_same_answer(served_hub, monkeypatch):
    """The morning rush: a school's kiosks that were caught up ask for the same page at once."""
    from citizenship_app.district.storage import Store

    app, store, client = served_hub
    batch = [statement(str(uuid.uuid4())) for _ in range(5)]
    assert client.post("/xapi/statements", json=batch).status_code == 200
    real, queries, release = Store.query, [], threading.Event()

    def held(self, q, **kwargs):  # a slow query on demand: the first one waits to be released
        queries.append(q)
        if len(queries) == 1:
            release.wait(20)
        return real(self, q, **kwargs)

    monkeypatch.setattr(Store, "query", held)
    page = {"since": "2020-01-01T00:00:00Z", "ascending": "true", "limit": "3"}
    answers: dict[str, httpx.Response] = {}

    def ask(name, params):
        answers[name] = client.get("/xapi/statements", params=params)

    first = threading.Thread(target=ask, args=("first", page))
    first.start()
    deadline = time.monotonic() + 20
    while not queries:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    second = threading.Thread(target=ask, args=("second", page))
    second.start()
    _in_flight(app.state.hub.pages, 1)
    # Stored while the first query is held: in neither answer, and their shared
    # Consistent-Through (read before that query) says it may be missing.
    late = statement(str(uuid.uuid4()))
    assert client.post("/xapi/statements", json=late).status_code == 200
    other = threading.Thread(target=ask, args=("other", {**page, "limit": "2"}))  # another page
    other.start()
    other.join(20)
    release.set()
    first.join(20)
    second.join(20)
    one, two = answers["first"], answers["second"]
    assert one.status_code == two.status_code == 200
    assert len(queries) == 2 and app.state.hub.pages.shared == 1  # the first page's, and the other's
    assert one.content == two.content and len(one.json()["statements"]) == 3
    cut = "X-Experience-API-Consistent-Through"
    assert one.headers[cut] == two.headers[cut]
    assert (
        two.headers[cut] < client.get("/xapi/statements", params={"statementId": late["id"]}).json()["stored"]
    )
    assert len(answers["other"].json()["statements"]) == 2
    # The page asked for again afterwards is a query of its own, and sees the new statement.
    after = client.get("/xapi/statements", params={**page, "limit": "10"})
    assert late["id"] in {s["id"] for s in after.json()["statements"]} and len(queries) == 3


@pytest.mark.parametrize("served_hub", [1], indirect=True)
def test_serve_threads_caps_the_requests_worked_on_at_once(served_hub, monkeypatch):
    """`serve --threads 1`: a second request waits until the first is done."""
    from citizenship_app.district.storage import Store

    app, store, client = served_hub
    real, queries, release = Store.query, [], threading.Event()

    def held(self, q, **kwargs):
        queries.append(q)
        release.wait(20)
        return real(self, q, **kwargs)

    monkeypatch.setattr(Store, "query", held)
    answers = []
    threads = [
        threading.Thread(
            target=lambda n=n: answers.append(
                client.get("/xapi/statements", params={"limit": str(n)}).status_code
            )
        )
        for n in (1, 2)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while not queries:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    threads[0].join(0.5)  # the second request has had time to start, were it allowed to
    assert len(queries) == 1
    release.set()
    for thread in threads:
        thread.join(20)
    assert answers == [200, 200] and len(queries) == 2
