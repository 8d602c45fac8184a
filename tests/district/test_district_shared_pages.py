"""Identical statement pages asked for at once share one query (district/shared_pages.py)."""

from __future__ import annotations

import asyncio
import json
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


def _led_and_awaited(pages: SharedPages, key: str, fails: bool):
    """A leader building `key` in a thread while a follower awaits it on an event loop."""
    flight, leader = pages.claim(key)
    assert leader
    joined = threading.Event()

    def build():
        if fails:
            raise RuntimeError("the database went away")
        return b"page", {}

    def lead():
        joined.wait(20)  # the follower has claimed its place
        try:
            pages.lead(key, flight, build)
        except RuntimeError:
            pass

    async def follow():
        followed, leads = pages.claim(key)
        assert not leads
        joined.set()
        return await pages.wait(followed)

    thread = threading.Thread(target=lead)
    thread.start()
    got = asyncio.run(follow())
    thread.join(20)
    return got


def test_a_request_waiting_on_the_event_loop_gets_the_page_or_none_if_its_build_failed():
    """The hub's route: the leader builds in its thread, followers await on the event loop."""
    pages = SharedPages()
    assert _led_and_awaited(pages, "a", fails=False) == (b"page", {})
    assert _led_and_awaited(pages, "b", fails=True) is None  # then it builds its own
    assert pages.shared == 1 and not pages._flights


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


def _first_page_held(client: httpx.Client, monkeypatch):
    """Five statements stored, then a page asked for (in the thread returned) whose query is
    held until `release` is set; later queries run at once. Returns the page's parameters,
    the answers by name, `ask(name, params)`, the queries run, `release` and the thread."""
    from citizenship_app.district.storage import Store

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
    return page, answers, ask, queries, release, first


def test_kiosks_asking_for_the_same_page_at_once_get_one_query_and_the_same_answer(served_hub, monkeypatch):
    """The morning rush: a school's kiosks that were caught up ask for the same page at once."""
    app, store, client = served_hub
    page, answers, ask, queries, release, first = _first_page_held(client, monkeypatch)
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


@pytest.mark.parametrize("served_hub", [2], indirect=True)
def test_requests_waiting_for_a_shared_page_leave_the_threads_to_other_requests(served_hub, monkeypatch):
    """`serve --threads 2`, one page's query held: the kiosks waiting for that page wait on the
    event loop, so another kiosk's page is served meanwhile (parked in the two threads, they
    kept it waiting until the held page was done)."""
    app, store, client = served_hub
    page, answers, ask, queries, release, first = _first_page_held(client, monkeypatch)
    followers = [threading.Thread(target=ask, args=(f"follower-{i}", page)) for i in range(2)]
    for thread in followers:
        thread.start()
    _in_flight(app.state.hub.pages, 2)
    other = threading.Thread(target=ask, args=("other", {**page, "limit": "2"}))
    other.start()
    other.join(20)
    assert not other.is_alive() and not release.is_set()  # served while the page is held
    assert len(answers["other"].json()["statements"]) == 2
    release.set()
    for thread in (first, *followers):
        thread.join(20)
    bodies = {answers[name].content for name in ("first", "follower-0", "follower-1")}
    assert len(bodies) == 1 and len(json.loads(bodies.pop())["statements"]) == 3
    assert app.state.hub.pages.shared == 2 and len(queries) == 2
