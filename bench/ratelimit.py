"""What the rate limiter costs: GET-by-id throughput in-process with plan ``off``, with an enforced
plan too large to refuse, and with no limiter at all, measured in the same run, rounds interleaved.

    python bench/ratelimit.py [--quick]

Target: plan ``off`` costs at most 5% of the throughput without a limiter.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PRODUCTS, drive_raw, headers_for, scope_template

from mockbc import MockApp, create_app

TARGET_COST = 0.05
VARIANTS = ("none", "off", "enforced")


def _app(variant: str) -> MockApp:
    app = create_app(fixtures="demo", rate_limit="1000000000/1" if variant == "enforced" else "off")
    if variant == "none":
        app.pipeline.rate_limiter = None  # the pipeline without its rate-limit step
        app.pipeline.concurrency = None  # nor its concurrency gate
    return app


async def ratelimit_bench(quick: bool, results: dict[str, Any]) -> None:
    rounds, count, seconds, warmup = (5, 3_000, 0.3, 100) if quick else (9, 20_000, 1.0, 300)
    apps = {variant: _app(variant) for variant in VARIANTS}
    requests = {}
    for variant, app in apps.items():
        token = app.state.default_account.access_token
        requests[variant] = [(scope_template("GET", f"{PRODUCTS}/77", "", headers_for(token)), b"")]
    rps: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    for _ in range(rounds):
        for variant in VARIANTS:
            measured = await drive_raw(apps[variant], requests[variant], warmup, count, seconds)
            if measured["errors"]:
                raise RuntimeError(f"rate-limit bench: {measured['errors']} non-200 answers with {variant}")
            rps[variant].append(measured["rps"])
    medians = {variant: statistics.median(values) for variant, values in rps.items()}
    results["ratelimit"] = {
        "rps": medians, "rounds": rounds,
        "cost_off": 1 - medians["off"] / medians["none"],
        "cost_enforced": 1 - medians["enforced"] / medians["none"],
    }  # fmt: skip


def ratelimit_lines(results: dict[str, Any]) -> list[str]:
    measured = results.get("ratelimit")
    if measured is None:
        return []
    if "error" in measured:
        return [f"rate limiter: not measured: {measured['error']}"]
    rps = measured["rps"]
    verdict = "OK" if measured["cost_off"] <= TARGET_COST else "MISSED"
    return [
        f"rate limiter, GET by id in-process (median of {measured['rounds']} interleaved rounds): "
        f"no limiter {rps['none']:,.0f} req/s, plan off {rps['off']:,.0f} req/s "
        f"(cost {measured['cost_off']:+.1%}, target <= {TARGET_COST:.0%}: {verdict}), "
        f"enforced plan {rps['enforced']:,.0f} req/s (cost {measured['cost_enforced']:+.1%})"
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    asyncio.run(ratelimit_bench(args.quick, results))
    print("\n".join(ratelimit_lines(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
