"""Timing, memory and size measurements of builds and built sites, each command in its own process."""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the process: less sensitive to other work on the machine
    max_rss_mb: float  # peak resident memory of the process itself (os.wait4), not of the benchmark


class CommandFailed(RuntimeError):
    pass


def run(cmd: list[str], cwd: Path, env: dict) -> Run:
    """Run `cmd` to completion; its wall time and its own peak memory. Raise with its output if it fails."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            tail = out.read().decode("utf-8", "replace")[-4000:]
            raise CommandFailed(f"{' '.join(cmd)} (dans {cwd}) a échoué, code {process.returncode} :\n{tail}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def output_numbers(cmd: list[str], cwd: Path, env: dict) -> tuple[float, ...]:
    """The numbers `cmd` prints on one line (timings it takes inside its own process)."""
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd[:2])} (dans {cwd}) a échoué, code {done.returncode} :\n"
                            f"{done.stderr[-4000:]}")
    return tuple(float(value) for value in done.stdout.split())


def median(values: list[float]) -> float:
    return statistics.median(values)


def clean(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(predicate, timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until `predicate()` is true, or None after `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def serve_rebuild(project: Path, record: Path, url_path: str, env: dict, python: str, edits: int,
                  timeout: float) -> list[float]:
    """Seconds from editing `record` until `mkdocs serve` shows the edit at `url_path`, for each edit."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([python, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    times = []
    try:
        if wait_for(lambda: fetch(base + url_path) is not None, timeout, 0.2) is None:
            log.seek(0)
            raise CommandFailed(f"mkdocs serve n'a pas répondu :\n{log.read().decode('utf-8', 'replace')[-3000:]}")
        original = record.read_text(encoding="utf-8")
        for k in range(edits):
            marker = f"Bench{k}x{port}"
            text = original.replace("\nintitule: ", f"\nintitule: {marker} ", 1)
            start = time.perf_counter()
            record.write_text(text, encoding="utf-8")
            if wait_for(lambda: marker in (fetch(base + url_path, timeout=timeout) or ""), timeout) is None:
                raise CommandFailed(f"la modification de {record.name} n'est pas apparue après {timeout} s")
            times.append(time.perf_counter() - start)
        record.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return times


@dataclass
class SiteSize:
    total_bytes: int
    files: int
    largest_pages: list[tuple[str, int]]  # (address, bytes) of the biggest HTML files


def site_size(site: Path, top: int = 5) -> SiteSize:
    total, count, pages = 0, 0, []
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            count += 1
            if path.suffix == ".html":
                pages.append((path.relative_to(site).as_posix(), size))
    pages.sort(key=lambda item: -item[1])
    return SiteSize(total, count, pages[:top])


@functools.lru_cache(maxsize=None)
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))
