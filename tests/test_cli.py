"""``mockbc serve``: argument parsing, MOCKBC_<FLAG> environment variables, the credentials
printout, bad input, and one live server started as a subprocess."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mockbc import DEFAULT_STORE_HASH
from mockbc.cli import build_parser, credentials_text, main

FLAGS = ["host", "port", "store_hash", "access_token", "client_id", "client_secret", "scopes", "fixtures", "log_level"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No MOCKBC_* variable of the developer's shell leaks into these tests."""
    for name in list(os.environ):
        if name.startswith("MOCKBC_"):
            monkeypatch.delenv(name)


# --- parsing ------------------------------------------------------------------------


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])

    assert args.command == "serve"
    assert {flag: getattr(args, flag) for flag in FLAGS} == {
        "host": "127.0.0.1", "port": 8000, "store_hash": DEFAULT_STORE_HASH, "access_token": None,
        "client_id": None, "client_secret": None, "scopes": "all", "fixtures": "demo", "log_level": "warning",
    }  # fmt: skip


def test_serve_flags() -> None:
    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--port", "0", "--store-hash", "abc123", "--access-token", "tok",
         "--client-id", "cid", "--client-secret", "sec", "--scopes", "store_v2_products_read_only,store_v2_orders",
         "--fixtures", "empty", "--log-level", "info"]
    )  # fmt: skip

    assert {flag: getattr(args, flag) for flag in FLAGS} == {
        "host": "0.0.0.0", "port": 0, "store_hash": "abc123", "access_token": "tok", "client_id": "cid",
        "client_secret": "sec", "scopes": "store_v2_products_read_only,store_v2_orders", "fixtures": "empty",
        "log_level": "info",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("variable", "value", "attribute", "expected"),
    [
        ("MOCKBC_HOST", "0.0.0.0", "host", "0.0.0.0"),
        ("MOCKBC_PORT", "9123", "port", 9123),
        ("MOCKBC_STORE_HASH", "envstore", "store_hash", "envstore"),
        ("MOCKBC_ACCESS_TOKEN", "envtoken", "access_token", "envtoken"),
        ("MOCKBC_CLIENT_ID", "envclient", "client_id", "envclient"),
        ("MOCKBC_CLIENT_SECRET", "envsecret", "client_secret", "envsecret"),
        ("MOCKBC_SCOPES", "store_v2_products", "scopes", "store_v2_products"),
        ("MOCKBC_FIXTURES", "empty", "fixtures", "empty"),
        ("MOCKBC_LOG_LEVEL", "debug", "log_level", "debug"),
    ],
)
def test_every_flag_reads_its_environment_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, attribute: str, expected: object
) -> None:
    monkeypatch.setenv(variable, value)

    assert getattr(build_parser().parse_args(["serve"]), attribute) == expected


def test_flag_beats_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBC_PORT", "9123")
    monkeypatch.setenv("MOCKBC_STORE_HASH", "envstore")

    args = build_parser().parse_args(["serve", "--port", "9200", "--store-hash", "flagstore"])

    assert (args.port, args.store_hash) == (9200, "flagstore")


def test_bad_port_in_environment_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MOCKBC_PORT", "eighty")

    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["serve"])

    assert exited.value.code == 2
    assert "argument --port: invalid int value: 'eighty'" in capsys.readouterr().err


def test_bad_port_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", "x"])

    assert exited.value.code == 2
    assert "invalid int value: 'x'" in capsys.readouterr().err


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])

    assert exited.value.code == 2
    assert "usage: mockbc" in capsys.readouterr().err


def test_unknown_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--colour", "red"])

    assert exited.value.code == 2
    assert "unrecognized arguments: --colour red" in capsys.readouterr().err


# --- output and refusals ------------------------------------------------------------


def test_credentials_text_layout() -> None:
    text = credentials_text("http://127.0.0.1:8000", "abc123", "the-client", "the-secret", "the-token")

    assert text == (
        "API PATH: http://127.0.0.1:8000/stores/abc123/v3/\n"
        "CLIENT ID: the-client\n"
        "CLIENT SECRET: the-secret\n"
        "ACCESS TOKEN: the-token\n"
    )


@pytest.mark.parametrize(
    ("scopes", "message"),
    [
        ("store_v2_everything", "mockbc: unknown scope(s): store_v2_everything\n"),
        ("store_v2_products,nope,also_nope", "mockbc: unknown scope(s): nope, also_nope\n"),
    ],
)
def test_bad_scopes_exit_2_with_a_message(capsys: pytest.CaptureFixture[str], scopes: str, message: str) -> None:
    assert main(["serve", "--scopes", scopes, "--port", "0"]) == 2

    captured = capsys.readouterr()
    assert captured.err == message
    assert captured.out == ""


def test_bad_scopes_from_environment_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MOCKBC_SCOPES", "bogus_scope")

    assert main(["serve", "--port", "0"]) == 2
    assert capsys.readouterr().err == "mockbc: unknown scope(s): bogus_scope\n"


def test_missing_fixture_file_exits_2_with_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"

    assert main(["serve", "--fixtures", str(missing), "--port", "0"]) == 2
    assert capsys.readouterr().err == f"mockbc: fixture file not found: {missing}\n"


# --- a live server ------------------------------------------------------------------


def _lines(stream: object) -> queue.Queue[str | None]:
    """Lines of ``stream`` on a queue filled by a daemon thread; None marks the end."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _next_line(lines: queue.Queue[str | None], timeout: float = 30.0) -> str:
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        pytest.fail(f"mockbc printed nothing for {timeout} s")
    if line is None:
        pytest.fail("mockbc exited before printing its address")
    return line


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str | None]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKBC_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "mockbc", "serve", "--port", "0", "--fixtures", "empty"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        yield process, _lines(process.stdout)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def test_serve_starts_on_a_free_port_and_answers(server: tuple[subprocess.Popen[str], queue.Queue[str | None]]) -> None:
    process, lines = server

    banner = _next_line(lines)
    match = re.fullmatch(
        rf"mockbc: serving store {DEFAULT_STORE_HASH} \(empty fixtures\) on http://127\.0\.0\.1:(\d+)\n", banner
    )
    assert match, banner
    port = int(match.group(1))
    assert port > 0
    base = f"http://127.0.0.1:{port}"
    credentials = [_next_line(lines) for _ in range(4)]
    assert credentials[0] == f"API PATH: {base}/stores/{DEFAULT_STORE_HASH}/v3/\n"
    assert [line.split(": ", 1)[0] for line in credentials] == ["API PATH", "CLIENT ID", "CLIENT SECRET", "ACCESS TOKEN"]
    token = credentials[3].split(": ", 1)[1].strip()
    assert token

    with httpx.Client(base_url=base, timeout=15) as http:
        health = http.get("/_mockbc/health")
        listing = http.get(f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products", headers={"X-Auth-Token": token})
        refused = http.get(f"/stores/{DEFAULT_STORE_HASH}/v3/catalog/products")

    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert listing.status_code == 200
    assert listing.json()["data"] == []
    assert listing.json()["meta"]["pagination"]["total"] == 0
    assert refused.status_code == 401
    assert process.poll() is None
