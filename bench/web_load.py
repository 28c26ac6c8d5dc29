"""Loopback load benchmark of the web workbench: p50/p95 server time of every page on one case.

    .venv/bin/python bench/web_load.py CASES_DIR CASE [--requests 60] [--concurrency 4]
    .venv/bin/python bench/web_load.py /tmp/bench-cases bench --sample 1000000   # build a fictional case first

The server runs in its own process (``uvicorn``, as ``filiere serve`` runs it) on 127.0.0.1 and a free
port; the client sends a bounded number of requests per page from a few threads and reads each
answer's ``Server-Timing``. The first request of each page is reported apart ("cold"): it fills the
per-case figure cache. Every view is written to the case's custody log, as always: run this on a
fictional or copied case, never on a live one. A ``bench-load`` account is created in CASES_DIR.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import secrets
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, urlencode

from filiere.case import Case
from filiere.store import users
from filiere.store.webqueries import messages, network, overview, places
from filiere.web.server import free_port

USER = "bench-load"
SERVER = (
    "import sys, uvicorn; from pathlib import Path; from filiere.web.app import create_app;"
    "uvicorn.run(create_app(Path(sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
)


def pages(cases_dir: Path, case: str) -> dict[str, str]:
    """One URL per page kind, aimed at the heaviest objects of the case (largest chat, top actor…)."""
    base = f"/cases/{case}"
    with Case.open(cases_dir / case) as opened:
        conn = opened.conn
        convs = overview.conversations(conn)
        chat = next(c for c in convs if c["kind"] != "channel")["key"]
        channel = next((c["key"] for c in convs if c["kind"] == "channel"), chat)
        middle = messages.page(conn, chat, anchor=None, direction="latest", limit=400)[0]["id"]
        top = network.top_actors(conn, "pagerank", 1)
        couriers = places.actors_with_role(conn, "courier")
        first, last = conn.execute("SELECT MIN(local_time), MAX(local_time) FROM messages").fetchone()
    found = {
        "dashboard": base,
        "dashboard.json": base + ".json",
        "search word": f"{base}/search?q=livraison",
        "search phrase": f"{base}/search?" + urlencode({"q": '"de midi à minuit"'}),
        "search prefix": f"{base}/search?q=dispo*",
        "search filters": f"{base}/search?" + urlencode({"category": "offer", "from": first[:10], "to": last[:10]}),
        "conversations": f"{base}/conversations",
        "conversation": f"{base}/conversation?key={quote(chat)}",
        "conversation at": f"{base}/conversation?key={quote(chat)}&at={middle}",
        "channel": f"{base}/channel?key={quote(channel)}",
        "network": f"{base}/network",
        "network.json": f"{base}/network.json",
        "map": f"{base}/map",
    }
    if top:
        found["search actor"] = f"{base}/search?actor={top[0]}"
        found["actor"] = f"{base}/actors/{top[0]}"
        found["network.json focus"] = f"{base}/network.json?focus={top[0]}"
    if couriers:
        found["map tour"] = f"{base}/map?actor={couriers[0]['id']}"
    return found


def account(cases_dir: Path, case: str) -> str:
    password = secrets.token_urlsafe(18)
    with closing(users.open_users(cases_dir)) as conn:
        if users.get_user(conn, USER) is None:
            users.add_user(conn, USER, "reader", password)
        else:
            users.set_password(conn, USER, password)
        users.grant(conn, USER, case, by=USER)
    return password


def log_in(port: int, password: str) -> str:
    """The session cookie, through the login form as a browser gets it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    answer = conn.getresponse()
    page = answer.read().decode()
    pre = re.search(r"filiere_pre=([^;]+)", answer.getheader("set-cookie") or "")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert pre and token, "login form without its token"
    body = urlencode({"name": USER, "password": password, "csrf": token.group(1)})
    conn.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                         "Cookie": f"filiere_pre={pre.group(1)}"})  # fmt: skip
    answer = conn.getresponse()
    answer.read()
    session = re.search(r"filiere_session=([^;]+)", answer.getheader("set-cookie") or "")
    assert answer.status == 303 and session, f"login refused ({answer.status})"
    return f"filiere_session={session.group(1)}"


def timed(port: int, cookie: str, path: str, count: int) -> list[tuple[float, float]]:
    """``count`` sequential requests on one kept-alive connection: (server ms, client ms) each."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    found = []
    for _ in range(count):
        clock = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": cookie})
        answer = conn.getresponse()
        answer.read()
        client = (time.perf_counter() - clock) * 1000
        if answer.status != 200:
            raise RuntimeError(f"{path}: HTTP {answer.status}")
        server = re.search(r"dur=([0-9.]+)", answer.getheader("server-timing") or "")
        found.append((float(server.group(1)) if server else client, client))
    conn.close()
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases_dir", type=Path)
    parser.add_argument("case")
    parser.add_argument("--requests", type=int, default=60, help="requests per page after the cold one")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads per page")
    parser.add_argument("--sample", type=int, metavar="N", help="first build a fictional case of N messages")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.sample:
        from web_sample import build

        clock = time.perf_counter()
        build(args.cases_dir, args.sample, name=args.case)
        print(f"sample case: {args.sample} messages in {time.perf_counter() - clock:.0f} s", file=sys.stderr)
    urls = pages(args.cases_dir, args.case)
    password = account(args.cases_dir, args.case)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.cases_dir), str(port)])
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                cookie = log_in(port, password)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        rows = []
        for name, path in urls.items():
            cold = timed(port, cookie, path, 1)[0][0]
            per_thread = max(1, args.requests // args.concurrency)
            with ThreadPoolExecutor(args.concurrency) as pool:
                batches = [pool.submit(timed, port, cookie, path, per_thread) for _ in range(args.concurrency)]
                runs = [batch.result() for batch in batches]
            server_ms = [s for run in runs for s, _ in run]
            client_ms = [c for run in runs for _, c in run]
            rows.append({"page": name, "path": path, "n": len(server_ms), "cold_ms": cold,
                         "p50_ms": statistics.median(server_ms), "p95_ms": percentile(server_ms, 0.95),
                         "max_ms": max(server_ms), "client_p95_ms": percentile(client_ms, 0.95)})  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'page':<20}{'n':>5}{'cold':>9}{'p50':>9}{'p95':>9}{'max':>9}{'client p95':>12}   (server ms)")
    for r in rows:
        print(f"{r['page']:<20}{r['n']:>5}{r['cold_ms']:>9.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
              f"{r['max_ms']:>9.1f}{r['client_p95_ms']:>12.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
