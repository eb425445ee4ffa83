"""Benchmark of ``opp web`` under load: 8 clients at once each upload a 200-student workbook.

    .venv/bin/python benchmarks/bench_web.py [--clients 8] [--students 200] [--json PATH]

What it does, all on this machine (127.0.0.1) and in a temporary folder removed afterwards:

1. builds a workbook of N students (default 200; every fifth the bundled example plan with
   its own number and name, the others part A only, like ``bench_bulk.py``'s mix) with
   :func:`opp_docs.excel.write.workbook_bytes`, the writer of ``opp lege-werkmap``;
2. starts the real server, ``opp web --geen-browser``, in a child process;
3. lets C clients (threads with their own httpx client) each POST that workbook to
   ``/api/generate`` at the same moment, while one more client GETs the start page every
   0.25 s until all uploads are answered;
4. stops the server with Ctrl-C (SIGINT) and checks that it exits with 130.

Reported: each upload's time, the wall time of all, the start page's answer times (median and
highest; goal: every one under 1 s), and the server's peak memory (``VmHWM`` of the server
process from /proc, which counts its peak resident set; the server runs every job in its own
threads, ``jobs=1``, so there are no worker processes to add).

Checked after the load, not timed: every answer is a 200 with a zip of N forms and no
``meldingen.xlsx``, and every form parses back (``opp_docs.parse``) to its student's plan as
read from the workbook. A failed check or a start page over 1 s exits 1. Timings are never
asserted in the test suite: this is a benchmark, run with ``make bench-web``.
"""

from __future__ import annotations

import argparse
import io
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import httpx

from opp_docs.example import example_plan
from opp_docs.excel.write import workbook_bytes
from opp_docs.model import OPP, Leerling, Ouder
from opp_docs.parsing import parse
from opp_docs.sources import read_plans

PAGE_GOAL = 1.0  # seconds for GET / while the uploads run
_NAMES = ("Noor", "Daan", "Sem", "Lotte", "Milan", "Fenna", "Ayoub", "Yara", "Thijs", "Ilse")
_SURNAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Bos", "Mulder")


def plans(n: int) -> list[OPP]:
    """``n`` plans: every fifth the example with its own number and name, the rest part A."""
    example = example_plan()
    made = []
    for i in range(n):
        naam = f"{_NAMES[i % len(_NAMES)]} {_SURNAMES[i // len(_NAMES) % len(_SURNAMES)]}"
        nummer = str(400000 + i)
        if i % 5 == 0:
            leerling = example.leerling.model_copy(update={"naam": naam, "leerlingnummer": nummer})
            made.append(example.model_copy(update={"leerling": leerling}))
            continue
        made.append(
            OPP(
                leerling=Leerling(
                    naam=naam,
                    leerlingnummer=nummer,
                    geboortedatum=date(2009 + i % 4, 1 + i % 12, 1 + i % 28),
                    klas=("1A", "2K1", "3K2", "4T1")[i % 4],
                    leerjaar=1 + i % 4,
                    mentor="Jeroen Bakker",
                    ondersteuningscoordinator="Marieke de Groot",
                    ouders=[Ouder(naam=f"Ouder van {naam}", relatie="moeder")],
                )
            )
        )
    return made


@dataclass
class Upload:
    """One client's upload: its time, status and the forms it got."""

    seconds: float = 0.0
    status: int = 0
    forms: dict[str, bytes] = field(default_factory=dict)
    other_files: list[str] = field(default_factory=list)
    error: str | None = None


def _upload(base: str, token: str, workbook: bytes, start: threading.Barrier, out: Upload) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        start.wait()
        began = time.perf_counter()
        try:
            answer = client.post(
                "/api/generate",
                files={"file": ("leerlingen.xlsx", workbook)},
                timeout=600,
            )
        except httpx.HTTPError as exc:
            out.error = type(exc).__name__
            return
        finally:
            out.seconds = time.perf_counter() - began
        out.status = answer.status_code
        if answer.status_code == 200:
            with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
                for name in archive.namelist():
                    if name.endswith(".docx"):
                        out.forms[name] = archive.read(name)
                    else:
                        out.other_files.append(name)


def _pages(base: str, token: str, done: threading.Event, times: list[float]) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        while not done.is_set():
            began = time.perf_counter()
            answer = client.get("/", timeout=30)
            times.append(time.perf_counter() - began)
            if answer.status_code != 200:
                times.append(float("inf"))
            done.wait(0.25)


def _peak_memory(pid: int) -> int:
    """The peak resident set (bytes) of process ``pid`` so far (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Figures:
    """What the run measured and checked."""

    clients: int
    students: int
    upload_seconds: list[float]
    wall_seconds: float
    page_median_seconds: float
    page_max_seconds: float
    page_count: int
    server_peak_bytes: int
    server_exit_code: int
    forms_checked: int
    failures: list[str]


def run(clients: int, students: int) -> Figures:
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        source = Path(folder) / "leerlingen.xlsx"
        source.write_bytes(workbook_bytes(plans(students)))
        expected = {
            item.plan.leerling.leerlingnummer: item.plan for item in read_plans(source).plans
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "opp_docs", "web", "--geen-browser"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=folder,
        )
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        base, token = url.split("/?token=")
        workbook = source.read_bytes()
        uploads = [Upload() for _ in range(clients)]
        start = threading.Barrier(clients + 1)
        threads = [
            threading.Thread(target=_upload, args=(base, token, workbook, start, upload))
            for upload in uploads
        ]
        page_times: list[float] = []
        done = threading.Event()
        pager = threading.Thread(target=_pages, args=(base, token, done, page_times))
        for thread in threads:
            thread.start()
        pager.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
        done.set()
        pager.join()
        peak = _peak_memory(server.pid)
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)

        failures = []
        checked = 0
        for index, upload in enumerate(uploads):
            if upload.error or upload.status != 200:
                failures.append(f"client {index}: {upload.error or upload.status}")
                continue
            if len(upload.forms) != students or upload.other_files:
                failures.append(f"client {index}: {len(upload.forms)} forms, {upload.other_files}")
            for name, data in upload.forms.items():
                plan = parse(data).plan
                if plan != expected.get(plan.leerling.leerlingnummer):
                    failures.append(f"client {index}: {name} does not parse back to its plan")
                checked += 1
        slow = [t for t in page_times if t >= PAGE_GOAL]
        if slow or not page_times:
            failures.append(
                f"start page: {len(slow)} of {len(page_times)} answers took 1 s or more"
            )
        if server.returncode != 130:
            failures.append(f"server exit code {server.returncode}, not 130")
        finite = [t for t in page_times if t != float("inf")]
        return Figures(
            clients,
            students,
            [round(upload.seconds, 2) for upload in uploads],
            round(wall, 2),
            round(statistics.median(finite), 4) if finite else float("nan"),
            round(max(page_times), 4) if page_times else float("nan"),
            len(page_times),
            peak,
            server.returncode,
            checked,
            failures,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    figures = run(args.clients, args.students)
    print(f"{figures.clients} clients x {figures.students} students, all at once")
    print(f"  uploads answered in {min(figures.upload_seconds)}-{max(figures.upload_seconds)} s")
    print(f"  wall time of all uploads: {figures.wall_seconds} s")
    print(
        f"  GET / during the uploads: {figures.page_count} times, median "
        f"{figures.page_median_seconds * 1000:.0f} ms, highest "
        f"{figures.page_max_seconds * 1000:.0f} ms (goal: under {PAGE_GOAL * 1000:.0f} ms)"
    )
    print(f"  server peak memory (VmHWM): {figures.server_peak_bytes / 2**20:.0f} MiB")
    print(f"  forms checked (parse back to their plan): {figures.forms_checked}")
    print(f"  server stopped with Ctrl-C: exit code {figures.server_exit_code}")
    for failure in figures.failures:
        print(f"  FAILED: {failure}")
    if args.json:
        args.json.write_text(json.dumps(asdict(figures), indent=2) + "\n", encoding="utf-8")
        print(f"written: {args.json}")
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
