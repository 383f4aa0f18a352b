"""Runs a support script inside its own virtual environment under .cache/,
creating it and installing one package from PyPI when missing (idempotent)."""
import os
import subprocess
import sys
from pathlib import Path


def reexec_in(venv: Path, module: str, requirement: str, script: str) -> None:
    """Re-runs `script` with the venv's Python unless already inside it."""
    py = venv / "bin" / "python"
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    if not py.exists():
        subprocess.check_call([sys.executable, "-m", "venv", "--clear", str(venv)])
    if subprocess.call([str(py), "-c", f"import {module}"], stderr=subprocess.DEVNULL) != 0:
        subprocess.check_call([str(py), "-m", "pip", "install", "-q", requirement], stdout=sys.stderr)
    os.execv(str(py), [str(py), script] + sys.argv[1:])
