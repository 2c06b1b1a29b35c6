"""``mockbc serve``: argument parsing, MOCKBC_<FLAG> environment variables, the arguments given
to ``create_app``, the credentials printout, the non-loopback warning, help and version, bad
input, and one live server started as a subprocess."""

from __future__ import annotations

import errno
import os
import queue
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import uvicorn

from mockbc import ALL_SCOPES, DEFAULT_STORE_HASH
from mockbc.cli import (
    app_arguments,
    build_parser,
    credentials_text,
    exposure_warning,
    is_loopback,
    main,
)
from mockbc.http.ratelimit import STANDARD

FLAGS = [
    "host", "port", "store_hash", "access_token", "client_id", "client_secret", "scopes", "fixtures", "log_level",
    "allow_host",
]  # fmt: skip


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
        "allow_host": (),
    }  # fmt: skip


def test_serve_flags() -> None:
    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--port", "0", "--store-hash", "abc123", "--access-token", "tok",
         "--client-id", "cid", "--client-secret", "sec", "--scopes", "store_v2_products_read_only,store_v2_orders",
         "--fixtures", "empty", "--log-level", "info", "--allow-host", "mock.test", "--allow-host", "api.mock.test"]
    )  # fmt: skip

    assert {flag: getattr(args, flag) for flag in FLAGS} == {
        "host": "0.0.0.0", "port": 0, "store_hash": "abc123", "access_token": "tok", "client_id": "cid",
        "client_secret": "sec", "scopes": "store_v2_products_read_only,store_v2_orders", "fixtures": "empty",
        "log_level": "info", "allow_host": ("mock.test", "api.mock.test"),
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
        ("MOCKBC_ALLOW_HOST", "mock.test, api.mock.test", "allow_host", ("mock.test", "api.mock.test")),
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


def test_a_flag_hides_a_bad_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBC_PORT", "99999")
    monkeypatch.setenv("MOCKBC_LOG_LEVEL", "bogus")
    monkeypatch.setenv("MOCKBC_STORE_HASH", "a/b")

    args = build_parser().parse_args(["serve", "--port", "9200", "--log-level", "info", "--store-hash", "ok1"])

    assert (args.port, args.log_level, args.store_hash) == (9200, "info", "ok1")


def test_allow_host_flags_replace_the_environment_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBC_ALLOW_HOST", "env.test")

    args = build_parser().parse_args(["serve", "--allow-host", "one.test", "--allow-host", "two.test"])

    assert args.allow_host == ("one.test", "two.test")


def test_values_are_plain_strings_even_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBC_HOST", "localhost")
    monkeypatch.setenv("MOCKBC_STORE_HASH", "envstore")

    args = build_parser().parse_args(["serve"])

    assert (type(args.host), type(args.store_hash)) == (str, str)


def _usage_error(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one error line of ``mockbc serve``'s usage error for ``argv``."""
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: mockbc serve ")
    assert "Traceback" not in captured.err
    *usage, error = captured.err.splitlines()
    assert not [line for line in usage if "error" in line]
    return error


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999", "port must be between 0 and 65535, got '99999'"),
        ("65536", "port must be between 0 and 65535, got '65536'"),
        ("-1", "port must be between 0 and 65535, got '-1'"),
        ("x", "invalid int value: 'x'"),
        ("80.5", "invalid int value: '80.5'"),
        ("", "invalid int value: ''"),
    ],
)
def test_bad_port_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str], value: str, message: str) -> None:
    assert _usage_error(["serve", "--port", value], capsys) == f"mockbc serve: error: argument --port: {message}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999", "port must be between 0 and 65535, got '99999'"),
        ("eighty", "invalid int value: 'eighty'"),
        ("", "invalid int value: ''"),
    ],
)
def test_bad_port_in_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    monkeypatch.setenv("MOCKBC_PORT", value)

    assert _usage_error(["serve"], capsys) == f"mockbc serve: error: argument --port: {message} (from MOCKBC_PORT)"


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("65535", 65535), ("8080", 8080)])
def test_port_bounds(value: str, expected: int) -> None:
    assert build_parser().parse_args(["serve", "--port", value]).port == expected


LOG_LEVEL_CHOICES = "choose from critical, error, warning, info, debug, trace"


def test_bad_log_level_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error(["serve", "--log-level", "bogus"], capsys) == (
        f"mockbc serve: error: argument --log-level: invalid log level 'bogus' ({LOG_LEVEL_CHOICES})"
    )


def test_bad_log_level_in_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOCKBC_LOG_LEVEL", "verbose")

    assert _usage_error(["serve"], capsys) == (
        f"mockbc serve: error: argument --log-level: invalid log level 'verbose' ({LOG_LEVEL_CHOICES}) (from MOCKBC_LOG_LEVEL)"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("critical", "critical"), ("ERROR", "error"), ("Warning", "warning"), ("INFO", "info"), ("trace", "trace")],
)
def test_log_level_is_case_insensitive(monkeypatch: pytest.MonkeyPatch, value: str, expected: str) -> None:
    assert build_parser().parse_args(["serve", "--log-level", value]).log_level == expected
    monkeypatch.setenv("MOCKBC_LOG_LEVEL", value)
    assert build_parser().parse_args(["serve"]).log_level == expected


@pytest.mark.parametrize("value", ["a/b", "", "abc 123", "abc-123", "abc\n", "caf\u00e9", "x" * 65, "../etc"])
def test_bad_store_hash_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert _usage_error(["serve", "--store-hash", value], capsys) == (
        f"mockbc serve: error: argument --store-hash: store hash must be 1 to 64 letters and digits, got {value!r}"
    )


def test_bad_store_hash_in_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOCKBC_STORE_HASH", "a/b")

    assert _usage_error(["serve"], capsys) == (
        "mockbc serve: error: argument --store-hash: store hash must be 1 to 64 letters and digits, got 'a/b'"
        " (from MOCKBC_STORE_HASH)"
    )


@pytest.mark.parametrize("value", ["a", "Z9", "abc123", "x" * 64])
def test_good_store_hashes(value: str) -> None:
    assert build_parser().parse_args(["serve", "--store-hash", value]).store_hash == value


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


def test_bad_scopes_from_environment_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOCKBC_SCOPES", "bogus_scope")

    assert main(["serve", "--port", "0"]) == 2
    assert capsys.readouterr().err == "mockbc: unknown scope(s): bogus_scope\n"


def test_missing_fixture_file_exits_2_with_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"

    assert main(["serve", "--fixtures", str(missing), "--port", "0"]) == 2
    assert capsys.readouterr().err == f"mockbc: fixture file not found: {missing}\n"


# --- empty scopes, the control plane's host names, the non-loopback warning ---------------


@pytest.mark.parametrize(
    ("argv", "environment", "expected"),
    [
        (["--scopes", ""], {}, ()),
        (["--scopes", "  "], {}, ()),
        ([], {"MOCKBC_SCOPES": ""}, ()),
        ([], {"MOCKBC_SCOPES": " "}, ()),
        ([], {}, ALL_SCOPES),
        (["--scopes", "all"], {"MOCKBC_SCOPES": ""}, ALL_SCOPES),
        ([], {"MOCKBC_SCOPES": "store_v2_orders store_v2_content"}, ("store_v2_orders", "store_v2_content")),
    ],
)
def test_empty_scopes_grant_none(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], environment: dict[str, str], expected: tuple[str, ...]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert app_arguments(build_parser().parse_args(["serve", *argv]))["scopes"] == expected


def test_app_arguments_defaults() -> None:
    assert app_arguments(build_parser().parse_args(["serve"])) == {
        "fixtures": "demo", "store_hash": DEFAULT_STORE_HASH, "scopes": ALL_SCOPES, "access_token": None,
        "client_id": None, "client_secret": None, "allowed_hosts": ("127.0.0.1",), "rate_limit": STANDARD,
    }  # fmt: skip


def test_app_arguments_from_flags() -> None:
    args = build_parser().parse_args(
        ["serve", "--host", "localhost", "--store-hash", "abc123", "--access-token", "tok", "--client-id", "cid",
         "--client-secret", "sec", "--scopes", "store_v2_products", "--fixtures", "empty", "--allow-host", "mock.test"]
    )  # fmt: skip

    assert app_arguments(args) == {
        "fixtures": "empty", "store_hash": "abc123", "scopes": ("store_v2_products",), "access_token": "tok",
        "client_id": "cid", "client_secret": "sec", "allowed_hosts": ("localhost", "mock.test"),
        "rate_limit": STANDARD,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "environment", "expected"),
    [
        ([], {}, ("127.0.0.1",)),
        (["--host", "localhost"], {}, ("localhost",)),
        (["--host", "::1"], {}, ("::1",)),
        (["--host", "10.1.2.3"], {}, ("10.1.2.3",)),
        (["--host", "0.0.0.0"], {}, ()),
        (["--host", "::"], {}, ()),
        (["--host", "0:0::0"], {}, ()),
        (["--host", ""], {}, ()),
        ([], {"MOCKBC_HOST": "0.0.0.0"}, ()),
        (["--allow-host", "mock.test"], {}, ("127.0.0.1", "mock.test")),
        (
            ["--host", "0.0.0.0", "--allow-host", "mock.test", "--allow-host", "api.mock.test"],
            {},
            ("mock.test", "api.mock.test"),
        ),
        (["--host", "10.1.2.3", "--allow-host", "mock.test"], {}, ("10.1.2.3", "mock.test")),
        (["--allow-host", "127.0.0.1", "--allow-host", "mock.test,mock.test"], {}, ("127.0.0.1", "mock.test")),
        ([], {"MOCKBC_ALLOW_HOST": "a.test, b.test,"}, ("127.0.0.1", "a.test", "b.test")),
        ([], {"MOCKBC_ALLOW_HOST": ""}, ("127.0.0.1",)),
        (["--allow-host", "c.test"], {"MOCKBC_ALLOW_HOST": "a.test,b.test"}, ("127.0.0.1", "c.test")),
        ([], {"MOCKBC_HOST": "::", "MOCKBC_ALLOW_HOST": "a.test"}, ("a.test",)),
    ],
)
def test_allowed_hosts_passed_to_the_app(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], environment: dict[str, str], expected: tuple[str, ...]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert app_arguments(build_parser().parse_args(["serve", *argv]))["allowed_hosts"] == expected


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True), ("127.255.3.4", True), ("::1", True), ("localhost", True), ("LocalHost", True),
        ("::ffff:127.0.0.1", True), ("0.0.0.0", False), ("::", False), ("", False), ("10.0.0.1", False),
        ("192.168.1.5", False), ("128.0.0.1", False), ("fe80::1", False), ("::ffff:10.0.0.1", False),
        ("example.com", False), ("localhost.example.com", False),
    ],
)  # fmt: skip
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("host", "shown"), [("0.0.0.0", "0.0.0.0"), ("", "''")])
def test_exposure_warning_text(host: str, shown: str) -> None:
    assert exposure_warning(host) == (
        f"mockbc: WARNING: --host {shown} is not a loopback address: other machines may reach this server.\n"
        "mockbc: WARNING: The mock's control plane (/_mockbc/) is unauthenticated by design: anyone who can reach\n"
        "mockbc: WARNING: that address can mint API tokens, read and change every store, or wipe stores.\n"
        "mockbc: WARNING: Use --host 127.0.0.1 (the default) unless you trust everyone on that network.\n"
    )


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """``uvicorn.Server.run`` replaced by a stub that closes the listening socket and records the app."""
    apps: list[Any] = []

    def run(self: uvicorn.Server, sockets: list[socket.socket] | None = None) -> None:
        for sock in sockets or ():
            sock.close()
        apps.append(self.config.app)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    return apps


def test_serve_in_process_with_empty_scopes(served: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "0", "--fixtures", "empty", "--scopes", "", "--allow-host", "mock.test"]) == 0

    [app] = served
    account = app.state.default_account
    assert account.scopes == frozenset()
    assert app.state.allowed_hosts == ("127.0.0.1", "mock.test")
    captured = capsys.readouterr()
    assert captured.err == ""
    banner, *credentials = captured.out.splitlines()
    match = re.fullmatch(
        rf"mockbc: serving store {DEFAULT_STORE_HASH} \(empty fixtures\) on (http://127\.0\.0\.1:\d+)", banner
    )
    assert match, banner
    text = credentials_text(
        match.group(1), DEFAULT_STORE_HASH, account.client_id, account.client_secret, account.access_token
    )
    assert credentials == [*text.splitlines(), ""]


def test_non_loopback_host_warns_before_listening(served: list[Any], capsys: pytest.CaptureFixture[str]) -> None:
    # 192.0.2.1 (TEST-NET-1, RFC 5737) is on no interface here, so the bind fails and nothing is exposed.
    assert main(["serve", "--host", "192.0.2.1", "--port", "0", "--fixtures", "empty"]) == 2

    assert served == []
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        exposure_warning("192.0.2.1") + f"mockbc: cannot listen on 192.0.2.1:0: {os.strerror(errno.EADDRNOTAVAIL)}\n"
    )


# --- help and version -------------------------------------------------------------------

DERIVED = "(default: derived from the store hash, the same on every run;"


@pytest.mark.parametrize(
    "entry",
    [
        (
            "--host HOST address to listen on; anything but loopback exposes the control plane"
            " (default: 127.0.0.1; env MOCKBC_HOST)"
        ),
        "--port PORT port to listen on; 0 picks a free port (default: 8000; env MOCKBC_PORT)",
        (
            "--store-hash HASH hash of the default store: 1 to 64 letters and digits"
            f" (default: {DEFAULT_STORE_HASH}; env MOCKBC_STORE_HASH)"
        ),
        f"--access-token TOKEN access token of the default API account {DERIVED} env MOCKBC_ACCESS_TOKEN)",
        f"--client-id ID client ID of the default API account {DERIVED} env MOCKBC_CLIENT_ID)",
        f"--client-secret SECRET client secret of the default API account {DERIVED} env MOCKBC_CLIENT_SECRET)",
        (
            "--scopes SCOPES scopes of the default API account: 'all' or SCOPE,SCOPE,... (listed below)"
            " (default: all; env MOCKBC_SCOPES)"
        ),
        (
            "--fixtures FIXTURES seed data of the default store: demo, catalog, empty or a JSON file"
            " (default: demo; env MOCKBC_FIXTURES)"
        ),
        (
            "--log-level LEVEL uvicorn log level: critical, error, warning, info, debug, trace"
            " (default: warning; env MOCKBC_LOG_LEVEL)"
        ),
        (
            "--allow-host NAME extra host name the control plane answers for; repeatable"
            " (default: none; env MOCKBC_ALLOW_HOST)"
        ),
        (
            "scope names for --scopes (comma- or space-separated; 'all' grants every scope, an empty value none): "
            + ", ".join(("all", *ALL_SCOPES))
        ),
    ],
)
def test_serve_help_shows_defaults_environment_variables_and_scopes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], entry: str
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--help"])

    assert exited.value.code == 0
    assert entry in " ".join(capsys.readouterr().out.split())


def test_serve_help_shows_the_built_in_defaults_not_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("MOCKBC_CLIENT_SECRET", "hunter2")
    monkeypatch.setenv("MOCKBC_PORT", "9123")
    with pytest.raises(SystemExit):
        main(["serve", "--help"])

    help_text = " ".join(capsys.readouterr().out.split())
    assert "(default: 8000; env MOCKBC_PORT)" in help_text
    assert "hunter2" not in help_text
    assert "9123" not in help_text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    assert exited.value.code == 0
    assert capsys.readouterr().out == f"mockbc {metadata.version('mockbc')}\n"


def _python_m_mockbc(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKBC_")}
    command = [sys.executable, "-m", "mockbc", *argv]
    return subprocess.run(command, check=False, capture_output=True, text=True, env=env, timeout=60)


def test_python_dash_m_is_the_same_command() -> None:
    version = _python_m_mockbc("--version")
    refused = _python_m_mockbc("serve", "--port", "99999")

    assert (version.returncode, version.stdout, version.stderr) == (0, f"mockbc {metadata.version('mockbc')}\n", "")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("usage: mockbc serve ")
    assert refused.stderr.endswith(
        "\nmockbc serve: error: argument --port: port must be between 0 and 65535, got '99999'\n"
    )


# --- malformed fixture files --------------------------------------------------------------


def _json_error(content: str) -> str:
    try:
        orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        return str(exc)
    raise AssertionError(f"{content!r} is valid JSON")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", f"not valid JSON ({_json_error('{not json')})"),
        ("", f"not valid JSON ({_json_error('')})"),
        ("[]", 'expected an object with "format": "mockbc-fixtures/1"'),
        ('"mockbc-fixtures/1"', 'expected an object with "format": "mockbc-fixtures/1"'),
        (
            '{"format": "mockbc-fixtures/1", "products": [{"id": "x"}]}',
            "product '?' needs a positive integer id, got 'x'",
        ),
        ('{"format": "mockbc-fixtures/1", "products": [1]}', "every product must be a JSON object, got 1"),
        ('{"format": "mockbc-fixtures/1", "products": "x"}', "products must be an array"),
    ],
)
def test_malformed_fixture_file_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content)

    assert main(["serve", "--fixtures", str(path), "--port", "0"]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"mockbc: {path.resolve()}: {message}\n")


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
    assert [line.split(": ", 1)[0] for line in credentials] == [
        "API PATH",
        "CLIENT ID",
        "CLIENT SECRET",
        "ACCESS TOKEN",
    ]
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
