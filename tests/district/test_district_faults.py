"""The hub when something fails inside it, and when clients misbehave: each case ends with a
legitimate kiosk still served. Hubs here are private processes on 127.0.0.1 (a SQLite file),
so a test may break one without disturbing the others.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid

import httpx
import pytest
from sqlalchemy import text

from citizenship_app.district.statements import timestamp_us

from .conftest import XAPI_HEADERS, HubProcess, add_device, district, interim_hash
from .test_district_hub import statement


@pytest.fixture
def private_hub(tmp_path):
    """(url, (username, password), sqlite path) of a hub of this test's own."""
    path = tmp_path / "hub.db"
    db_url = f"sqlite:///{path}"
    credential = add_device(db_url, "kiosk-private")
    process = HubProcess(db_url, tmp_path / "hub.log")
    try:
        process.wait_ready()
        yield process.url, credential, path
    finally:
        process.stop()


def test_an_internal_error_is_json_with_the_version_header_and_closes_the_connection(private_hub):
    url, credential, path = private_hub
    with httpx.Client(base_url=url, auth=credential, headers=XAPI_HEADERS) as api:
        registration = str(uuid.uuid4())
        assert api.post("/xapi/statements", json=statement(registration)).status_code == 200
        with sqlite3.connect(path) as conn:  # a real fault: the database loses a table
            conn.execute("DROP TABLE statement_keys")
        agent = json.dumps(statement(registration)["actor"])
        response = api.get("/xapi/statements", params={"agent": agent})
    assert response.status_code == 500
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    assert response.headers["Connection"] == "close"
    body = response.json()
    assert body["error"] == "internal_error" and "reason" in body
    assert "statement_keys" not in response.text  # no internals (SQL, paths) leak to clients


# --------------------------------------------------------------------------- limits before work


def _raw_request(url: str, head: bytes, body: bytes = b"", *, wait: float = 5.0) -> bytes:
    """Send `head` (and `body`) on a fresh connection; whatever the hub answers within `wait`
    seconds (b"" if nothing: the test then fails on the status it expected)."""
    import socket
    import time

    host, port = url.removeprefix("http://").split(":")
    answer, deadline = b"", time.monotonic() + wait
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        try:
            sock.sendall(head + body)
        except ConnectionError:
            pass  # answered and closed while the body was still going out: read the answer
        while time.monotonic() < deadline:  # the answer may come in several segments
            try:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionError):
                break
            if not chunk:
                break
            answer += chunk
    return answer


def _post_head(url: str, length: int, auth: tuple[str, str] | None = None) -> bytes:
    import base64

    lines = [
        b"POST /xapi/statements HTTP/1.1",
        b"Host: " + url.removeprefix("http://").encode(),
        b"X-Experience-API-Version: 1.0.3",
        b"Content-Type: application/json",
        b"Content-Length: %d" % length,
    ]
    if auth:
        lines.append(b"Authorization: Basic " + base64.b64encode(":".join(auth).encode()))
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.fixture
def limited_hub(tmp_path):
    """A hub of this test's own with short timeouts, so that the attacks below are quick."""
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    credential = add_device(db_url, "kiosk-private")
    process = HubProcess(
        db_url,
        tmp_path / "hub.log",
        *("--header-timeout", "1", "--body-timeout", "2"),
    )
    try:
        process.wait_ready()
        yield process, credential
    finally:
        process.stop()


def test_a_huge_body_is_refused_before_it_is_read(limited_hub):
    """Without credentials, and with credentials but over 16 MB: answered from the headers."""
    hub, credential = limited_hub
    rss = _rss_kb(hub.process.pid)
    # The start of each body only: the answer must come without the rest (and a client still
    # sending when the hub closes would have its answer lost to the TCP reset).
    for _ in range(4):  # the attack was four 400 MB bodies
        answer = _raw_request(hub.url, _post_head(hub.url, 400_000_000), b"[" * 65536)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    # Headers only: unread body bytes make the hub's close a TCP reset, which can cut the
    # answer's body off under load (seen once); with none sent, the whole answer arrives,
    # while the hub still has 400 MB announced and not one byte of it.
    answer = _raw_request(hub.url, _post_head(hub.url, 400_000_000, credential))
    assert answer.startswith(b"HTTP/1.1 413") and b"16 MB" in answer, answer[:300]
    assert _rss_kb(hub.process.pid) - rss < 50_000  # kB: nothing like the bodies was buffered
    with httpx.Client(base_url=hub.url, auth=credential, headers=XAPI_HEADERS) as api:
        assert api.post("/xapi/statements", json=statement(str(uuid.uuid4()))).status_code == 200


def _stream(url: str, head: bytes, chunks) -> int:
    """Send `head` then `chunks` until the hub stops taking them; the bytes of body it took
    (sent into the socket: the hub's reads plus at most a few MB of kernel buffers)."""
    import socket

    host, port = url.removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        try:
            sock.sendall(head)
            for chunk in chunks:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:  # reset or closed by the hub, or it stopped reading (timeout)
            pass
    return sent


_BIG = 200 * 2**20  # the attack was 400 MB bodies; 200 MB tells "cut off" from "read" as well


def _big_chunks(chunked: bool):
    """_BIG bytes of JSON-ish filler made as they are sent (the test never holds them)."""
    piece = b"[" * 2**20
    for _ in range(_BIG // len(piece)):
        yield b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
    if chunked:
        yield b"0\r\n\r\n"


@pytest.mark.parametrize(
    "path, chunked",
    [("/xapi/statements", False), ("/xapi/statements", True), ("/enroll", False), ("/enroll", True)],
)
def test_an_unauthenticated_body_sent_in_full_is_not_received(limited_hub, path, chunked):
    """A client that sends all of a huge body without credentials (to the statements, or to
    /enroll, which needs none) is cut off: the hub neither reads nor buffers it, and the kiosk
    is served. (/enroll read every byte into memory.)"""
    hub, credential = limited_hub
    host = hub.url.removeprefix("http://").encode()
    length = b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % _BIG
    head = b"POST %s HTTP/1.1\r\nHost: %s\r\nX-Experience-API-Version: 1.0.3\r\n" % (path.encode(), host)
    head += b"Content-Type: application/json\r\n" + length + b"\r\n\r\n"
    rss = _rss_kb(hub.process.pid)
    sent = _stream(hub.url, head, _big_chunks(chunked))
    assert sent < 32 * 2**20, f"the hub took {sent / 2**20:.0f} MB of an unauthenticated body"
    assert _rss_kb(hub.process.pid) - rss < 50_000  # kB
    with httpx.Client(base_url=hub.url, auth=credential, headers=XAPI_HEADERS) as api:
        assert api.post("/xapi/statements", json=statement(str(uuid.uuid4()))).status_code == 200


def test_an_enrollment_nested_past_the_recursion_limit_is_400(limited_hub):
    hub, _credential = limited_hub
    response = httpx.post(
        hub.url + "/enroll", content=b"[" * 60_000, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400 and response.json()["error"] == "bad_request"


def test_an_enrollment_whose_token_is_not_text_is_400_and_counts_as_a_failure(limited_hub):
    """A lone surrogate is valid JSON but not text: hashing the token failed with a 500."""
    hub, _credential = limited_hub
    body = b'{"token": "\\ud800", "name": "lab-1", "public_key": "k", "proof": "%s"}' % (b"p" * 40)
    answers = [
        httpx.post(hub.url + "/enroll", content=body, headers={"Content-Type": "application/json"})
        for _ in range(11)
    ]
    assert [a.status_code for a in answers] == [400] * 10 + [429]
    assert answers[0].json()["error"] == "bad_request"


def test_a_chunked_body_is_cut_off_at_16_mb(limited_hub):
    hub, credential = limited_hub

    def chunks():
        for _ in range(20):
            yield b" " * 1_000_000  # 20 MB of JSON whitespace, length not announced

    with httpx.Client(base_url=hub.url, auth=credential, headers=XAPI_HEADERS, timeout=20) as api:
        try:
            response = api.post(
                "/xapi/statements", content=chunks(), headers={"Content-Type": "application/json"}
            )
            assert response.status_code == 413
        except httpx.WriteError:
            pass  # the hub answered 413 and closed while the rest was still being sent
        assert api.post("/xapi/statements", json=statement(str(uuid.uuid4()))).status_code == 200


def test_a_body_that_stalls_is_408_and_a_request_that_never_ends_its_headers_is_dropped(limited_hub):
    import socket
    import time

    hub, credential = limited_hub
    started = time.monotonic()
    answer = _raw_request(hub.url, _post_head(hub.url, 1000, credential), b"[{", wait=10)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - started < 8
    host, port = hub.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /xapi/about HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        started = time.monotonic()
        assert sock.recv(1024) == b""  # closed by the hub
        assert time.monotonic() - started < 8


def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_header_timeout(limited_hub):
    """Slowloris: every byte arrives well within any per-read timeout, but the whole header
    does not arrive within --header-timeout (1 s here): the hub closes the connection."""
    import socket
    import time

    hub, credential = limited_hub
    host, port = hub.url.removeprefix("http://").split(":")
    head = _post_head(hub.url, 10, credential)
    started, closed = time.monotonic(), False
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.settimeout(0.2)
        for byte in head[:-4]:  # never the blank line
            try:
                sock.sendall(bytes([byte]))
                closed = sock.recv(1024) == b""
            except TimeoutError:
                continue  # nothing from the hub yet: keep dripping
            except ConnectionError:
                closed = True
            if closed or time.monotonic() - started > 8:
                break
    assert closed and time.monotonic() - started < 5
    with httpx.Client(base_url=hub.url, auth=credential, headers=XAPI_HEADERS) as api:
        assert api.get("/xapi/statements", params={"limit": 1}).status_code == 200


def test_an_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout(tmp_path):
    """(A hub of its own: with a 1 s keep-alive, the other tests' clients would race the hub
    closing their idle connections on a busy machine.)"""
    import socket
    import time

    hub = HubProcess(f"sqlite:///{tmp_path / 'hub.db'}", tmp_path / "hub.log", "--keep-alive-timeout", "1")
    try:
        hub.wait_ready()
        host, port = hub.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"GET /xapi/about HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = sock.recv(65536)
            started = time.monotonic()
            while chunk := sock.recv(65536):  # the rest of the answer, then the hub's close
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"}")
            assert time.monotonic() - started < 4  # the default would be 5 s
    finally:
        hub.stop()


@pytest.mark.parametrize(
    "option", ["--max-connections", "--header-timeout", "--keep-alive-timeout", "--backlog", "--threads"]
)
def test_serve_refuses_limits_that_are_not_positive(tmp_path, option):
    result = district(f"sqlite:///{tmp_path / 'hub.db'}", "serve", option, "0", check=False)
    assert result.returncode != 0 and "must be positive" in result.stderr


def test_half_open_connections_do_not_lock_kiosks_out(tmp_path):
    """The hub runs with few file descriptors (256); 400 connections that send nothing, or
    half a request, must not stop a kiosk from being served; the hub closes them all once
    their header time (1 s here) is up."""
    import resource
    import selectors
    import socket
    import time

    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    credential = add_device(db_url, "kiosk-private")
    hub = HubProcess(
        db_url,
        tmp_path / "hub.log",
        "--header-timeout",
        "1",
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256)),
    )
    idle: list[socket.socket] = []
    try:
        hub.wait_ready()
        host, port = hub.url.removeprefix("http://").split(":")
        for n in range(400):
            try:
                sock = socket.create_connection((host, int(port)), timeout=5)
            except OSError:
                continue  # the backlog is full: the hub is not accepting (the failure we test)
            if n % 2:
                sock.sendall(b"GET /xapi/about HTTP/1.1\r\nHost: x\r\n")
            idle.append(sock)
        with httpx.Client(base_url=hub.url, auth=credential, headers=XAPI_HEADERS, timeout=10) as api:
            for _ in range(3):
                assert api.get("/xapi/statements", params={"limit": 1}).status_code == 200
        assert len(idle) >= 300
        # Each half-open connection ends at the hub's side: EOF (or a reset) within seconds.
        open_ = set(idle)
        with selectors.DefaultSelector() as selector:
            for sock in idle:
                selector.register(sock, selectors.EVENT_READ)
            deadline = time.monotonic() + 15
            while open_ and time.monotonic() < deadline:
                for key, _ in selector.select(timeout=1):
                    try:
                        ended = key.fileobj.recv(1024) == b""  # type: ignore[union-attr]
                    except ConnectionError:
                        ended = True
                    if ended:
                        selector.unregister(key.fileobj)
                        open_.discard(key.fileobj)  # type: ignore[arg-type]
        assert not open_, f"{len(open_)} of {len(idle)} half-open connections still open"
    finally:
        for sock in idle:
            sock.close()
        hub.stop()


def test_wrong_passwords_are_throttled_and_the_kiosk_is_still_served(limited_hub):
    """64 clients guessing passwords at once (for the kiosk's name and for unknown names) get
    at most 10 failures counted between them, the limit for their address, however many race
    for it; the rest are told to wait, and the kiosk is served throughout. Every guess is a
    new password, so each 401 is one counted failure. (Concurrent guesses all passed the limit
    before the first one failed, when it was checked before the password: one scrypt each, up
    to the thread pool's 40 at a time.) Latency: bench/hub_attacks.py."""
    import threading

    hub, credential = limited_hub
    with httpx.Client(base_url=hub.url, auth=credential, headers=XAPI_HEADERS, timeout=20) as api:
        assert api.get("/xapi/statements", params={"limit": 1}).status_code == 200
        start = threading.Barrier(64)
        answers: list[httpx.Response] = []

        def attacker(n: int) -> None:
            name = credential[0] if n % 2 else f"guess-{n}"
            with httpx.Client(base_url=hub.url, headers=XAPI_HEADERS, timeout=30) as bad:
                start.wait()
                for attempt in range(5):
                    answers.append(bad.get("/xapi/statements", auth=(name, f"wrong-{n}-{attempt}")))

        threads = [threading.Thread(target=attacker, args=(n,)) for n in range(64)]
        for thread in threads:
            thread.start()
        served = []
        while any(thread.is_alive() for thread in threads):
            served.append(api.get("/xapi/statements", params={"limit": 1}).status_code)
        for thread in threads:
            thread.join()
    statuses = [answer.status_code for answer in answers]
    assert len(statuses) == 320 and set(statuses) <= {401, 429}
    assert statuses.count(401) <= 10, statuses.count(401)  # the address's limit
    waits = [int(a.headers["Retry-After"]) for a in answers if a.status_code == 429]
    assert waits and all(0 < wait <= 60 for wait in waits)
    assert served and set(served) == {200}


@pytest.mark.parametrize("threads", [(), ("--threads", "40")], ids=["default threads", "40 threads"])
def test_a_schools_kiosks_signing_in_at_once_from_one_address_are_all_served(tmp_path, threads):
    """30 kiosks of one school, added by an earlier version (only a scrypt hash, each check
    40-80 ms of CPU, so throttled before it), behind the school's one
    address, signing in at the same moment (the hub has just started: none of them is
    remembered), each with its own right password: every one is served. A check in flight
    counts against the address's limit of 10 (so that guesses racing for it get no more), so
    the others wait for it instead of being told they failed too often (they were: 10 of 30
    answered 429). Each then has a cheap check beside its scrypt hash, which is unchanged. With
    the default 4 request threads, and with 40 (more checks in flight than the limit)."""
    import threading

    from citizenship_app.district import auth
    from citizenship_app.district.storage import Store

    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    store = Store(db_url)
    store.create_tables()
    kiosks = [(f"lab-{n}", auth.new_password()) for n in range(30)]
    scrypt = {name: auth.hash_password(password) for name, password in kiosks}
    for name, _ in kiosks:
        store.add_device(name, scrypt[name])  # as an earlier version did: no cheap check
    hub = HubProcess(db_url, tmp_path / "hub.log", *threads)
    try:
        hub.wait_ready()
        start = threading.Barrier(len(kiosks))
        statuses: dict[str, int] = {}

        def sign_in(name: str, password: str) -> None:
            with httpx.Client(
                base_url=hub.url, auth=(name, password), headers=XAPI_HEADERS, timeout=60
            ) as api:
                start.wait()
                statuses[name] = api.get("/xapi/statements", params={"limit": 1}).status_code

        threads = [threading.Thread(target=sign_in, args=kiosk) for kiosk in kiosks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses.values()) == [200] * 30, statuses
        for name, password in kiosks:
            device = store.device(name)
            assert device and device.password_hash == scrypt[name]
            assert auth.check_password(password, device.password_check, device.password_hash) is True
        # The limit still holds for guesses: 10 wrong passwords, then 429.
        with httpx.Client(base_url=hub.url, headers=XAPI_HEADERS, timeout=20) as client:
            guesses = [
                client.get("/xapi/statements", auth=("lab-0", f"guess-{n}")).status_code for n in range(11)
            ]
        assert guesses == [401] * 10 + [429]
    finally:
        hub.stop()
        store.engine.dispose()


def test_guesses_from_a_schools_address_do_not_keep_its_kiosks_out_of_a_hub_just_started(tmp_path):
    """Someone at a lab machine sends wrong passwords (for made-up names and for a kiosk's
    name) from the school's one address until the hub refuses them, on a hub that has just
    started (it remembers no kiosk): every kiosk of the school, signing in from that address
    with its right password, is served, and the guesser is still refused. (The kiosks were
    answered 429 for as long as the guessing went on: the address's limit applied before the
    password check, because each check cost 40-80 ms of scrypt.)"""
    from citizenship_app.district import auth
    from citizenship_app.district.storage import Store

    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    store = Store(db_url)
    store.create_tables()
    kiosks = []
    for n in range(5):
        credential = auth.new_credential()
        store.add_device(f"lab-{n}", credential.password_hash, password_check=credential.password_check)
        kiosks.append((f"lab-{n}", credential.password))
    store.engine.dispose()
    hub = HubProcess(db_url, tmp_path / "hub.log")
    try:
        hub.wait_ready()
        with httpx.Client(base_url=hub.url, headers=XAPI_HEADERS, timeout=20) as client:

            def guess(n: int) -> int:
                name = "lab-0" if n % 2 else f"nobody-{n}"
                return client.get("/xapi/statements", auth=(name, f"guess-{n}")).status_code

            assert [guess(n) for n in range(12)] == [401] * 10 + [429] * 2
            served = [client.get("/xapi/statements", auth=kiosk).status_code for kiosk in kiosks]
            assert served == [200] * len(kiosks)
            assert guess(12) == 429
    finally:
        hub.stop()


def test_a_try_waits_for_the_checks_in_flight_and_is_refused_once_they_have_failed():
    import threading

    from citizenship_app.district.auth import Throttle

    throttle, keys = Throttle(limit=2, patience=30), ("address:10.0.0.1",)
    assert throttle.attempt(keys) == 0 and throttle.attempt(keys) == 0  # two checks in flight
    third: list[float] = []
    waiting = threading.Thread(target=lambda: third.append(throttle.attempt(keys)))
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive()  # the limit is taken by the two in flight: it waits
    throttle.settle(keys, failed=False)  # one succeeded: its place is free
    waiting.join(30)
    assert third == [0.0]
    throttle.settle(keys, failed=True)
    throttle.settle(keys, failed=True)
    assert 59 < throttle.attempt(keys) <= 60  # two failures: refused at once, no check
    assert throttle.attempt(("address:10.0.0.2",)) == 0  # another key is not held up

    impatient = Throttle(limit=1, patience=0.1)
    assert impatient.attempt(keys) == 0
    assert impatient.attempt(keys) == 1.0  # a check in flight too long: try again in a moment


def test_sign_ins_are_throttled_per_name_and_a_removed_device_is_not_remembered(hub_url, tmp_path):
    """On SQLite and PostgreSQL: 10 wrong passwords for a name, then 429 with Retry-After;
    the kiosk, with its right password, is still served; once its credential is removed, it
    is no longer let in."""
    name, password = add_device(hub_url, "kiosk-guarded")
    hub = HubProcess(hub_url, tmp_path / "hub.log")
    try:
        hub.wait_ready()
        with httpx.Client(base_url=hub.url, headers=XAPI_HEADERS, timeout=20) as client:
            assert client.get("/xapi/statements", auth=(name, password)).status_code == 200
            for n in range(10):
                assert client.get("/xapi/statements", auth=(name, f"guess-{n}")).status_code == 401
            throttled = client.get("/xapi/statements", auth=(name, "guess-10"))
            assert throttled.status_code == 429 and throttled.json()["error"] == "too_many_requests"
            assert 50 <= int(throttled.headers["Retry-After"]) <= 60
            assert client.get("/xapi/statements", auth=(name, password)).status_code == 200
            district(hub_url, "device", "remove", name)
            assert client.get("/xapi/statements", auth=(name, password)).status_code in (401, 429)
    finally:
        hub.stop()


# --------------------------------------------------------------------------- Consistent-Through


def test_a_device_of_an_earlier_version_gets_a_cheap_check_at_sign_in_and_keeps_its_scrypt_hash(
    hub_url, tmp_path
):
    """On SQLite and PostgreSQL, from a `devices` table as earlier versions made it: a device
    they added (scrypt only) signs in; it gets a cheap check beside its scrypt hash, which
    stays as it was (a hub rolled back to that version still signs it in), and the next hub
    process, remembering nothing, checks it without scrypt. A device of the version that kept
    only a cheap hash signs in too, and gets a scrypt hash again with a check bound to it. When
    an earlier version changes the password (the scrypt hash alone), the check is stale: the new
    password is served, the old one refused, and the check renewed."""
    from sqlalchemy import create_engine

    from citizenship_app.district import auth
    from citizenship_app.district.storage import Store

    def sign_ins(turn: int, *credentials: tuple[str, str]) -> list[int]:
        hub = HubProcess(hub_url, tmp_path / f"hub-{turn}.log")
        try:
            hub.wait_ready()
            with httpx.Client(base_url=hub.url, headers=XAPI_HEADERS, timeout=20) as client:
                return [client.get("/xapi/statements", auth=c).status_code for c in credentials]
        finally:
            hub.stop()

    password, changed, cheap_only = auth.new_password(), auth.new_password(), auth.new_password()
    scrypt, interim = auth.hash_password(password), interim_hash(cheap_only)
    engine = create_engine(hub_url)
    with engine.begin() as conn:  # devices as hub versions before the cheap check made it
        conn.execute(
            text(
                "CREATE TABLE devices (name VARCHAR(64) PRIMARY KEY, password_hash TEXT NOT NULL, "
                "created_us BIGINT NOT NULL, scope VARCHAR(16), school VARCHAR(255))"
            )
        )
        for name, stored in (("lab-old", scrypt), ("lab-interim", interim)):
            conn.execute(
                text("INSERT INTO devices VALUES (:n, :h, 1, 'district', NULL)"), {"n": name, "h": stored}
            )
    engine.dispose()
    store = Store(hub_url)
    store.create_tables()
    wrong = ("lab-old", password[:-1] + "?")
    interim_right, interim_wrong = ("lab-interim", cheap_only), ("lab-interim", password)
    assert sign_ins(0, ("lab-old", password), wrong, interim_right, interim_wrong) == [200, 401, 200, 401]
    device = store.device("lab-old")
    assert device and device.password_hash == scrypt and auth.verify_password(password, device.password_hash)
    first_check = device.password_check
    assert auth.check_password(password, first_check, scrypt) is True
    upgraded = store.device("lab-interim")
    assert upgraded and upgraded.password_hash.startswith("scrypt$")
    assert auth.verify_password(cheap_only, upgraded.password_hash)
    assert auth.check_password(cheap_only, upgraded.password_check, upgraded.password_hash) is True
    assert sign_ins(1, ("lab-old", password), wrong, interim_right) == [200, 401, 200]
    assert store.device("lab-old").password_check == first_check  # no write on a cheap sign-in
    assert store.device("lab-interim") == upgraded
    with store.transaction() as conn:  # an earlier version gives the device a new password
        conn.execute(
            text("UPDATE devices SET password_hash = :h WHERE name = 'lab-old'"),
            {"h": auth.hash_password(changed)},
        )
    assert sign_ins(2, ("lab-old", password), ("lab-old", changed)) == [401, 200]
    device = store.device("lab-old")
    assert device.password_check != first_check
    assert auth.check_password(changed, device.password_check, device.password_hash) is True
    assert not store.set_password_check("lab-old", device.password_hash, first_check, None)  # stale: refused
    store.engine.dispose()


def _held_save(store, st: dict, monkeypatch):
    """Start storing `st` on a thread and hold its transaction open (rows written, not yet
    committed) until the returned event is set: a slow write, on demand."""
    import threading

    from citizenship_app.district import storage

    inside, release = threading.Event(), threading.Event()
    real = storage.Store._insert_keys

    def slow(self, conn, keys):
        real(self, conn, keys)
        inside.set()
        release.wait(30)

    monkeypatch.setattr(storage.Store, "_insert_keys", slow)
    authority = {"objectType": "Agent", "account": {"homePage": "https://hub.example", "name": "kiosk-slow"}}
    thread = threading.Thread(
        target=store.save, args=([st],), kwargs={"authority": authority, "device": "kiosk-slow"}
    )
    thread.start()
    assert inside.wait(30)
    return release, thread


def test_consistent_through_stays_before_a_write_still_in_flight_sqlite(tmp_path, monkeypatch):
    from citizenship_app.district.storage import StatementQuery, Store

    store = Store(f"sqlite:///{tmp_path / 'hub.db'}")
    store.create_tables()
    st = statement(str(uuid.uuid4()))
    release, thread = _held_save(store, st, monkeypatch)
    through = store.consistent_through()
    release.set()
    thread.join(30)
    rows, _ = store.query(StatementQuery(since_us=through, ascending=True), limit=10)
    assert [json.loads(r[2])["id"] for r in rows] == [st["id"]]
    assert through == rows[0][0] - 1  # just before the write in flight (not a fixed margin)
    assert store.consistent_through() >= rows[0][0]  # nothing in flight: up to now


def test_consistent_through_stays_before_a_slow_write_of_another_process(pg_hubs, monkeypatch):
    """A hub process's answer must not claim consistency past a write another process has had
    in flight for longer than any fixed margin (here its clock says it began 10 s ago)."""
    from citizenship_app.district import storage

    hub = pg_hubs[0]
    writer = storage.Store(hub.db_url)
    started = storage.now_us() - 10_000_000
    monkeypatch.setattr(storage, "now_us", lambda: started)  # the slow transaction's start
    st = statement(str(uuid.uuid4()))
    release, thread = _held_save(writer, st, monkeypatch)
    try:
        # Older than the margin the hub allows for a transaction to show in pg_stat_activity.
        time.sleep(storage._REPORT_LAG_US / 1e6 + 0.1)
        with hub.client() as api:
            through = api.get("/xapi/statements", params={"limit": 1}).headers[
                "X-Experience-API-Consistent-Through"
            ]
            release.set()
            thread.join(30)
            found = api.get(
                "/xapi/statements", params={"since": through, "registration": st["context"]["registration"]}
            )
        assert [s["id"] for s in found.json()["statements"]] == [st["id"]], through
        # Exactly 1 µs before the write that was in flight, however long it had been open.
        stored = found.json()["statements"][0]["stored"]
        assert timestamp_us(through) == timestamp_us(stored) - 1, (through, stored)
    finally:
        release.set()
        writer.engine.dispose()
