"""``opp web``: one line with the URL and its token, 127.0.0.1 only, Ctrl-C stops it (130)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.web.running import opp_web


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_opp_web_prints_the_url_and_serves_the_start_page_with_the_token() -> None:
    port = _free_port()
    with opp_web("--poort", str(port)) as server:
        assert server.port == port
        assert httpx.get(f"{server.base}/").status_code == 401
        assert httpx.get(f"{server.base}/", headers={"accept": "text/html"}).status_code == 401
        with httpx.Client(base_url=server.base) as browser:
            page = browser.get(f"/?token={server.token}", follow_redirects=True)
        assert page.status_code == 200
        assert "Formulieren maken" in page.text
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "no-referrer"


def test_a_free_port_by_default_and_only_on_127_0_0_1() -> None:
    with opp_web() as server:
        assert server.port > 0
        if shutil.which("ss") is not None:
            listening = subprocess.run(
                ["ss", "-ltnH"], capture_output=True, text=True, check=True
            ).stdout.split("\n")
            local = [line.split()[3] for line in listening if line.strip()]
            ours = [address for address in local if address.rsplit(":", 1)[1] == str(server.port)]
            assert ours == [f"127.0.0.1:{server.port}"]
        if socket.has_ipv6:  # the IPv6 loopback is another address: nothing listens there
            with pytest.raises(OSError), socket.create_connection(("::1", server.port), 1):
                pass


def _opp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "opp_docs", "web", "--geen-browser", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_another_host_needs_a_password_file(tmp_path: Path) -> None:
    done = _opp("--host", "0.0.0.0")
    assert done.returncode == 2
    assert "[web.wachtwoord_nodig]" in done.stderr and "HTTPS" in done.stderr
    short = tmp_path / "wachtwoord.txt"
    short.write_text("kort\n", encoding="utf-8")
    done = _opp("--host", "127.0.0.1", "--wachtwoord-bestand", str(short))
    assert done.returncode == 2
    assert "[web.wachtwoord_kort]" in done.stderr
    assert "kort" not in done.stdout
    done = _opp("--host", "127.0.0.1", "--wachtwoord-bestand", str(tmp_path / "geen.txt"))
    assert done.returncode == 2 and "[bestand.niet_gevonden]" in done.stderr


def test_a_password_file_gives_the_sign_in_page_and_opens_with_that_code(tmp_path: Path) -> None:
    password = "een-lang-wachtwoord-voor-de-school"
    path = tmp_path / "wachtwoord.txt"
    path.write_text(password + "\n", encoding="utf-8")
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "opp_docs",
            "web",
            "--geen-browser",
            "--host",
            "127.0.0.1",
            "--poort",
            str(port),
            "--wachtwoord-bestand",
            str(path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"http://127.0.0.1:{port}/aanmelden"
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/aanmelden").status_code == 200
        assert httpx.get(f"{base}/api/openapi.json").status_code == 401
        headers = {"Authorization": f"Bearer {password}"}
        assert httpx.get(f"{base}/api/openapi.json", headers=headers).status_code == 200
    finally:
        process.terminate()
        process.communicate(timeout=60)


def test_the_port_taken_is_a_dutch_problem() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = _opp("--poort", str(taken.getsockname()[1]))
    assert done.returncode == 2
    assert "[web.poort_bezet]" in done.stderr


def test_the_help_is_dutch() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "opp_docs", "web", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--poort", "--geen-browser", "--host", "--wachtwoord-bestand"):
        assert option in done.stdout
