"""Where the template tools read bundled data and write what they produce."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_DATA_DIR = Path(".conclave")


def data_dir() -> Path:
    """The data folder: ``CONCLAVE_DATA_DIR`` if set, else ``.conclave``, read per call so
    that a changed setting (or a test's temporary folder) takes effect at once."""
    configured = os.environ.get("CONCLAVE_DATA_DIR", "").strip()
    # Absolute, because the tools hand these paths to processes with another working folder.
    return (Path(configured) if configured else DEFAULT_DATA_DIR).resolve()


def write_json(path: Path, value: Any) -> None:
    """Write JSON through a temporary file, so a reader never sees half a document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(value, file, indent=2, sort_keys=True)
    os.replace(temporary, path)


def write_text(path: Path, text: str) -> None:
    """Write text through a temporary file, for the same reason as :func:`write_json`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:  # bytes as given
        file.write(text)
    os.replace(temporary, path)
