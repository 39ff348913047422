"""Tools for the crash test: they charge a card durably, and can hold a call open.

A server under test runs them in its own process and finds their files in the folder named
by ``CRASH_TOOLS_DIR``:

- ``calls``: a line per call that started, so a call run again after a restart shows;
- ``charges``: the side effect, a line per charge, written and synced before the call goes on;
- ``entered``: created once a call has charged, so the test knows when to kill the server;
- ``gate``: while it is missing, a call waits after charging, holding the call open.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from conclave import tool

FOLDER_VARIABLE = "CRASH_TOOLS_DIR"


@tool(idempotent=True)
def charge_once(key: str) -> str:
    """Charge the card for an order; charging the same key again changes nothing."""
    return _charge(key, once=True)


@tool(idempotent=False)
def charge_card(key: str) -> str:
    """Charge the card for an order; every call charges again."""
    return _charge(key, once=False)


def lines(path: Path, key: str) -> int:
    """How many lines of ``path`` are ``key``; 0 when the file does not exist."""
    if not path.exists():
        return 0
    return path.read_text(encoding="utf-8").splitlines().count(key)


def _charge(key: str, *, once: bool) -> str:
    folder = Path(os.environ[FOLDER_VARIABLE])
    _append(folder / "calls", key, once=False)
    _append(folder / "charges", key, once=once)
    (folder / "entered").touch()
    while not (folder / "gate").exists():
        time.sleep(0.02)  # the gate is a file another process creates
    return f"charged {key}"


def _append(path: Path, key: str, *, once: bool) -> None:
    """Append ``key`` as a line and sync it to disk; with ``once``, only if it is not there.

    The file lock makes the check and the write one step for every process that calls it.
    """
    with path.open("a+", encoding="utf-8") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        file.seek(0)
        if once and key in file.read().splitlines():
            return
        file.write(f"{key}\n")
        file.flush()
        os.fsync(file.fileno())
