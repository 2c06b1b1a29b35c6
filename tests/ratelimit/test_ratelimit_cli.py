"""``mockbc serve --rate-limit``: parsing, the environment variable, usage errors."""

from __future__ import annotations

import os

import pytest

from mockbc.cli import app_arguments, build_parser, main
from mockbc.http.ratelimit import PRO, STANDARD, Plan

REFUSAL = (
    "mockbc serve: error: argument --rate-limit: rate limit must be standard, pro, off or N/SECONDS "
    "(N 1 to 1000000000, SECONDS 1 to 86400), got {value!r}"
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("MOCKBC_"):
            monkeypatch.delenv(name)


def test_the_default_is_standard_and_reaches_create_app() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.rate_limit == STANDARD
    assert app_arguments(args)["rate_limit"] == STANDARD


@pytest.mark.parametrize(
    ("value", "plan"), [("pro", PRO), ("5/1", Plan("5/1", 5, 1_000)), ("off", Plan("off", 150, 30_000, False))]
)
def test_the_flag_takes_a_plan(value: str, plan: Plan) -> None:
    assert build_parser().parse_args(["serve", "--rate-limit", value]).rate_limit == plan


def test_the_environment_variable_sets_it_and_the_flag_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKBC_RATE_LIMIT", "pro")
    assert build_parser().parse_args(["serve"]).rate_limit == PRO
    assert build_parser().parse_args(["serve", "--rate-limit", "2/3"]).rate_limit == Plan("2/3", 2, 3_000)


def _error_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    return captured.err.splitlines()[-1]


@pytest.mark.parametrize("value", ["fast", "0/1", "5/0", "5"])
def test_a_bad_flag_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], value: str) -> None:
    assert _error_line(capsys, ["serve", "--rate-limit", value]) == REFUSAL.format(value=value)


def test_a_bad_environment_variable_names_itself(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKBC_RATE_LIMIT", "lots")
    assert _error_line(capsys, ["serve"]) == REFUSAL.format(value="lots") + " (from MOCKBC_RATE_LIMIT)"
