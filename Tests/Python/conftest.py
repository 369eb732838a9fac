"""Shared fixtures for the tests that drive the built msk-esm binary from Python (pseudo-terminals)."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def binary() -> str:
    """The debug build of msk-esm (scripts/test builds it before running these tests)."""
    path = os.environ.get("MSK_ESM_BINARY") or str(ROOT / ".build" / "debug" / "msk-esm")
    if not os.path.exists(path):
        subprocess.run(["swift", "build"], cwd=ROOT, check=True)
    return path


@pytest.fixture()
def environment(tmp_path) -> dict:
    """A clean environment: a temporary HOME and history file, no AWS look-ups beyond loopback."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TERM": "xterm",
        "AWS_EC2_METADATA_DISABLED": "true",
        "MSK_ESM_HISTORY": str(tmp_path / "history"),
    }
    return env
