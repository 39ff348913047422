"""Server throughput: a persisted chat turn through HTTP, against the least a server can do.

Three servers run as subprocesses under the same uvicorn settings, with a zero-latency fake
OpenAI provider in a fourth:

- **conclave/openai**: ``POST /api/agents/bench/chat`` on Conclave (SQLite store, in-process
  bus, an API key checked and the tenant's rate counted on every request), its agent on
  ``openai:gpt-4o-mini`` pointed at the fake. A turn stores the user
  message, runs the agent as a durable run (its events in the log, published on the bus),
  and stores the reply.
- **bare**: a FastAPI endpoint that calls the same fake once through the ``openai`` SDK and
  stores nothing (``bench/_bare_app.py``).
- **conclave/scripted**: the same chat turn on a scripted model, against the same server's
  trivial endpoint (``GET /ready``); and SSE delivery, from an event's creation to its
  receipt by a client following the run's stream.

Each is measured at concurrency 1 and 16: turns per second, and the server process's CPU
seconds per turn (user + system, from ``/proc``). Bars, at both concurrencies: throughput at
least 0.8 times the bare endpoint's, CPU per turn at most 1.5 times; SSE p95 at most 10 ms.

Usage: ``python bench/server_throughput.py [--seconds S]``. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from conclave.services.auth import generate_api_key

BENCH = Path(__file__).resolve().parent
CONCURRENCY = (1, 16)
BARS = {"throughput_ratio_min": 0.8, "cpu_ratio_max": 1.5, "sse_p95_ms_max": 10.0}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
AGENT_SPEC = "name: bench\ndescription: answers briefly\ninstructions: Answer briefly.\n"
# Conclave's servers run with authentication and rate limiting on, as in production: every
# request carries this key (the bare endpoint ignores it).
ADMIN_KEY = generate_api_key(b"bench").plaintext
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}
UVICORN = ["-m", "uvicorn", "--host", "127.0.0.1", "--log-level", "warning", "--no-access-log"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A server subprocess, its base URL and its pid (for CPU accounting)."""

    process: subprocess.Popen[bytes]
    url: str

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@contextmanager
def running(args: list[str], env: dict[str, str], ready: str, port: int) -> Iterator[Server]:
    command = [sys.executable, *UVICORN, "--port", str(port), *args]
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=BENCH)
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        _wait_ready(server, ready)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_ready(server: Server, path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.url}: the server exited with {server.process.returncode}")
        try:
            if httpx2.get(server.url + path, timeout=1).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{server.url}: not ready after 60 s")


@dataclass
class Measure:
    """Turns per second and server CPU seconds per turn at one concurrency."""

    rps: float
    cpu_per_turn: float
    requests: int


Request = Callable[[httpx2.AsyncClient], Awaitable[None]]


async def load(server: Server, request: Request, concurrency: int, seconds: float) -> Measure:
    """Send ``request`` from ``concurrency`` clients for ``seconds``; count what finished."""
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(
        base_url=server.url, limits=limits, timeout=30, headers=AUTH
    ) as client:
        await asyncio.gather(*(request(client) for _ in range(concurrency)))  # warm up
        done = 0
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < stop:
                await request(client)
                done += 1

        cpu0, start = server.cpu_seconds(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, cpu = time.perf_counter() - start, server.cpu_seconds() - cpu0
    return Measure(rps=done / elapsed, cpu_per_turn=cpu / done, requests=done)


def chat_request(path: str, body_key: str = "message") -> Request:
    async def request(client: httpx2.AsyncClient) -> None:
        response = await client.post(path, json={body_key: "What is the answer?"})
        if response.status_code != 200:
            raise SystemExit(f"POST {path}: {response.status_code} {response.text[:300]}")

    return request


def get_request(path: str) -> Request:
    async def request(client: httpx2.AsyncClient) -> None:
        response = await client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code} {response.text[:300]}")

    return request


async def sse_latencies(server: Server, concurrency: int, runs: int) -> list[float]:
    """Milliseconds from each live event's creation to its receipt, over ``runs`` runs."""
    latencies: list[float] = []
    limits = httpx2.Limits(max_connections=2 * concurrency)
    async with httpx2.AsyncClient(
        base_url=server.url, limits=limits, timeout=30, headers=AUTH
    ) as client:

        async def follow() -> None:
            for _ in range(runs // concurrency):
                latencies.extend(await _follow_one(client))

        await asyncio.gather(*(follow() for _ in range(concurrency)))
    return latencies


async def _follow_one(client: httpx2.AsyncClient) -> list[float]:
    created = await client.post(
        "/api/runs", json={"target_kind": "agent", "target": "streamer", "input": "go"}
    )
    run_id = created.json()["id"]
    found: list[float] = []
    async with client.stream("GET", f"/api/runs/{run_id}/stream") as response:
        connected = time.time()
        async for line in response.aiter_lines():
            if not line.startswith("data:"):
                continue
            received = time.time()
            event = json.loads(line[5:])
            if event["at"] >= connected:  # created after we listened: delivered live
                found.append((received - event["at"]) * 1000)
            if event["kind"] in ("run.completed", "run.failed"):
                break
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def best(measures: list[Measure]) -> Measure:
    return max(measures, key=lambda measure: measure.rps)


async def compare(
    a: tuple[Server, Request], b: tuple[Server, Request], seconds: float, rounds: int
) -> dict[int, tuple[Measure, Measure]]:
    """Measure ``a`` and ``b`` alternately, ``rounds`` times; keep each one's best."""
    found: dict[int, tuple[Measure, Measure]] = {}
    for concurrency in CONCURRENCY:
        runs_a, runs_b = [], []
        for _ in range(rounds):
            runs_a.append(await load(*a, concurrency, seconds))
            runs_b.append(await load(*b, concurrency, seconds))
        found[concurrency] = (best(runs_a), best(runs_b))
    return found


def report(name: str, pairs: dict[int, tuple[Measure, Measure]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for concurrency, (ours, base) in pairs.items():
        key = f"{name}_c{concurrency}"
        out[key] = {
            "rps": round(ours.rps, 1),
            "baseline_rps": round(base.rps, 1),
            "throughput_ratio": round(ours.rps / base.rps, 3),
            "cpu_ms_per_turn": round(ours.cpu_per_turn * 1000, 3),
            "baseline_cpu_ms_per_turn": round(base.cpu_per_turn * 1000, 3),
            "cpu_ratio": round(ours.cpu_per_turn / base.cpu_per_turn, 3),
        }
        print(
            f"{key:>22}: {ours.rps:8.1f} turns/s vs {base.rps:8.1f} "
            f"({ours.rps / base.rps:.2f}x); CPU {ours.cpu_per_turn * 1000:.2f} ms vs "
            f"{base.cpu_per_turn * 1000:.2f} ms per turn "
            f"({ours.cpu_per_turn / base.cpu_per_turn:.2f}x)"
        )
    return out


async def measure(
    ours: Server, bare: Server, scripted: Server, *, seconds: float, rounds: int, sse_runs: int
) -> dict[str, Any]:
    openai_pairs = await compare(
        (ours, chat_request("/api/agents/bench/chat")),
        (bare, chat_request("/chat")),
        seconds,
        rounds,
    )
    scripted_pairs = await compare(
        (scripted, chat_request("/api/agents/bench/chat")),
        (scripted, get_request("/ready")),
        seconds,
        rounds,
    )
    result: dict[str, Any] = {"bench": "server_throughput", "seconds": seconds, "bars": BARS}
    result |= report("openai_chat", openai_pairs)
    result |= report("scripted_chat", scripted_pairs)
    for concurrency in CONCURRENCY:
        values = await sse_latencies(scripted, concurrency, sse_runs)
        key = f"sse_c{concurrency}"
        result[key] = {
            "events": len(values),
            "p50_ms": round(statistics.median(values), 2) if values else None,
            "p95_ms": round(percentile(values, 0.95), 2),
        }
        print(f"{key:>22}: {result[key]}")
    result["passed"] = passed(result)
    return result


def main(seconds: float, rounds: int, sse_runs: int) -> dict[str, Any]:
    ports = [free_port() for _ in range(4)]
    common = {
        "OPENAI_BASE_URL": f"http://127.0.0.1:{ports[0]}/v1",
        "OPENAI_API_KEY": "bench",
        "CONCLAVE_ENV": "test",
        "CONCLAVE_ADMIN_KEY": ADMIN_KEY,
    }
    with tempfile.TemporaryDirectory() as folder:
        specs = Path(folder, "specs")
        specs.mkdir()
        (specs / "bench.yaml").write_text(AGENT_SPEC)
        ours_env = {
            **common,
            "CONCLAVE_DATA_DIR": str(Path(folder, "openai")),
            "CONCLAVE_SPECS_DIR": str(specs),
            "CONCLAVE_MODEL": "openai:gpt-4o-mini",
        }
        scripted_env = {**common, "CONCLAVE_DATA_DIR": str(Path(folder, "scripted"))}
        fake = subprocess.Popen([sys.executable, str(BENCH / "_fake_llm.py"), str(ports[0])])
        try:
            with (
                running(["_bare_app:app"], common, "/ping", ports[1]) as bare,
                running(
                    ["--factory", "conclave.api:create_app"], ours_env, "/ready", ports[2]
                ) as ours,
                running(
                    ["--factory", "_scripted_app:create"], scripted_env, "/ready", ports[3]
                ) as scripted,
            ):
                run = measure(
                    ours, bare, scripted, seconds=seconds, rounds=rounds, sse_runs=sse_runs
                )
                return asyncio.run(run)
        finally:
            fake.terminate()
            fake.wait(10)


def passed(result: dict[str, Any]) -> bool:
    for concurrency in CONCURRENCY:
        chat = result[f"openai_chat_c{concurrency}"]
        if chat["throughput_ratio"] < BARS["throughput_ratio_min"]:
            return False
        if chat["cpu_ratio"] > BARS["cpu_ratio_max"]:
            return False
        if not result[f"sse_c{concurrency}"]["p95_ms"] <= BARS["sse_p95_ms_max"]:
            return False
    return True


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=2, help="alternations of each pair")
    parser.add_argument("--sse-runs", type=int, default=64, help="runs followed per concurrency")
    args = parser.parse_args()
    print(json.dumps(main(args.seconds, args.rounds, args.sse_runs)))
