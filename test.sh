#!/usr/bin/env bash
# Runs every test of the solution (dotnet test), then prints one "N passed, N failed" line for CI logs.
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
# -m:1: one test assembly at a time. Both have limiter tests that measure 429s against real timing, and the
# core's fuzz and soak tests fill both cores of a CI machine; run side by side they disturbed each other.
dotnet test Accounting.Integrations.sln -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Each test assembly ends with "Passed!  - Failed: N, Passed: N, ..." (or "Failed!  - ...").
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { failed += $2; passed += $4 } END { printf "%d passed, %d failed\n", passed, failed }' "$log"
rm -f "$log"
exit "$status"
