"""The hub under attack: is a kiosk still served, and how fast? (issue 14, point 4)

    python bench/hub_attacks.py [--db sqlite:///tmp/attack-hub.db | postgresql://...] [--json]

Starts a real hub process (`citizenship-district serve`, default limits) and measures a kiosk's
request (GET /xapi/statements?limit=1 with its credential, signed in before) while:
- quiet: nothing else (the baseline);
- busy: 64 clients (8 processes of 8 threads) ask GET /xapi/about (no credentials) as fast as
  they are answered: the same load without any sign-in, to compare with
- flood: 64 clients (8 processes of 8 threads) send wrong passwords as fast as they are
  answered (half for the kiosk's device name, half for unknown names), counting 401s (counted
  failures) and 429s; meanwhile 10 other kiosks of the same address, never signed in (as
  after a hub restart), sign in once each: `first_sign_ins_served`;
- half-open: 1,100 connections that send part of a request header and stop;
- huge bodies: four clients each send a 400 MB body without credentials; the hub's RSS
  (/proc/PID/status) before and after, and how much of the bodies the hub took.
Each kiosk figure is the median and the worst of `--requests` requests.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HEADERS = {"X-Experience-API-Version": "1.0.3"}


def district(db: str, *args: str) -> str:
    command = [sys.executable, "-m", "citizenship_app.district.cli", "--db", db, *args]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def kiosk_latency(client: httpx.Client, requests: int) -> dict:
    times, statuses = [], []
    for _ in range(requests):
        started = time.perf_counter()
        statuses.append(client.get("/xapi/statements", params={"limit": 1}).status_code)
        times.append(time.perf_counter() - started)
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "worst_ms": round(max(times) * 1000, 1),
        "served": statuses.count(200),
        "of": len(statuses),
    }


def _guesser_process(url: str, name: str, first: int, ready, stop, results) -> None:
    """8 guessing threads in a process of their own (the kiosk's timings are not the
    bench's own threads queueing for one interpreter)."""
    answers: list[int] = []

    def guesser(n: int) -> None:
        who = name if n % 2 else f"guess-{n}"
        with httpx.Client(base_url=url, headers=HEADERS, timeout=30) as bad:
            attempt = 0
            while not stop.is_set():
                attempt += 1
                if not name:  # the comparison: as many requests that need no sign-in
                    answers.append(bad.get("/xapi/about").status_code)
                    continue
                answers.append(bad.get("/xapi/statements", auth=(who, f"wrong-{n}-{attempt}")).status_code)

    threads = [threading.Thread(target=guesser, args=(first + n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    ready.put(first)
    for thread in threads:
        thread.join()
    results.put((answers.count(401), answers.count(429), len(answers)))


def flood(
    url: str, name: str, client: httpx.Client, requests: int, newcomers: tuple[tuple[str, str], ...] = ()
) -> dict:
    """64 guessing clients: 8 processes of 8 threads (name "": 64 clients asking /xapi/about,
    which needs no credentials: what the same load costs without any sign-in). Then each of
    `newcomers` (credentials never used) signs in once."""
    context = multiprocessing.get_context("spawn")
    ready, stop, results = context.Queue(), context.Event(), context.Queue()
    processes = [
        context.Process(target=_guesser_process, args=(url, name, 8 * p, ready, stop, results))
        for p in range(8)
    ]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=120)
    time.sleep(2)  # the flood under way
    try:
        result = kiosk_latency(client, requests)
        if newcomers:
            first = [
                httpx.get(url + "/xapi/statements", params={"limit": 1}, auth=c, headers=HEADERS, timeout=30)
                for c in newcomers
            ]
            result["first_sign_ins_served"] = sum(r.status_code == 200 for r in first)
            result["first_sign_ins_of"] = len(first)
    finally:
        stop.set()
        counts = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join()
    return {
        **result,
        "requests": sum(c[2] for c in counts),
        "401": sum(c[0] for c in counts),
        "429": sum(c[1] for c in counts),
    }


def half_open(url: str, client: httpx.Client, requests: int, count: int = 1100) -> dict:
    host, port = url.removeprefix("http://").split(":")
    held = []
    try:
        for _ in range(count):
            try:
                sock = socket.create_connection((host, int(port)), timeout=5)
                sock.sendall(b"GET /xapi/about HTTP/1.1\r\nHost: x\r\n")
                held.append(sock)
            except OSError:
                break
        return {**kiosk_latency(client, requests), "connections_opened": len(held)}
    finally:
        for sock in held:
            sock.close()


def huge_bodies(url: str, pid: int, size: int = 400 * 2**20) -> dict:
    host, port = url.removeprefix("http://").split(":")
    before, taken = rss_kb(pid), []

    def sender() -> None:
        head = b"POST /xapi/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        head += b"Content-Length: %d\r\n\r\n" % size
        piece, sent = b"[" * 2**20, 0
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            try:
                sock.sendall(head)
                while sent < size:
                    sock.sendall(piece)
                    sent += len(piece)
            except OSError:
                pass
        taken.append(sent)

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "rss_before_mb": round(before / 1024, 1),
        "rss_after_mb": round(rss_kb(pid) / 1024, 1),
        "body_mb_taken_each": [round(t / 2**20, 1) for t in taken],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="hub database URL (default: a SQLite file in a temporary folder)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this process holds 1,100 sockets
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or f"sqlite:///{Path(folder) / 'hub.db'}"
        credential = json.loads(district(db, "device", "add", f"bench-{free_port()}", "--district", "--json"))
        added = [district(db, "device", "add", f"new-{n}", "--district", "--json") for n in range(10)]
        newcomers = tuple((c["username"], c["password"]) for c in map(json.loads, added))
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with open(Path(folder) / "hub.log", "wb") as log:
            hub = subprocess.Popen(
                [sys.executable, "-m", "citizenship_app.district.cli", "--db", db]
                + ["serve", "--port", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            for _ in range(300):
                try:
                    if httpx.get(url + "/xapi/about", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            auth = (credential["username"], credential["password"])
            with httpx.Client(base_url=url, auth=auth, headers=HEADERS, timeout=30) as kiosk:
                kiosk.get("/xapi/statements", params={"limit": 1})  # signed in once: remembered
                results = {
                    "quiet": kiosk_latency(kiosk, args.requests),
                    "busy": flood(url, "", kiosk, args.requests),
                    "flood": flood(url, auth[0], kiosk, args.requests, newcomers),
                    "half_open": half_open(url, kiosk, args.requests),
                    "huge_bodies": huge_bodies(url, hub.pid),
                    "after": kiosk_latency(kiosk, args.requests),
                }
        finally:
            hub.terminate()
            hub.wait(timeout=20)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for case, figures in results.items():
            print(f"{case:12} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
