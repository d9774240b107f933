#!/usr/bin/env bash
# Runs every test: the xUnit suites (dotnet test, which also builds the module, the sandbox and fetches Pester),
# then the Pester suite in real pwsh (the repository's own, from .config/dotnet-tools.json). Ends with one
# "N passed, N failed" line for both together, and a non-zero exit code when anything failed.
set -uo pipefail
cd "$(dirname "$0")"
xunit_log=$(mktemp)
pester_log=$(mktemp)
trap 'rm -f "$xunit_log" "$pester_log"' EXIT

dotnet tool restore
restore_status=$?

# -m:1: one test assembly at a time; the core's fuzz and soak tests fill both cores of a CI machine.
dotnet test Accounting.Integrations.sln -m:1 "$@" 2>&1 | tee "$xunit_log"
xunit_status=${PIPESTATUS[0]}

pester_status=1
# dotnet test builds the test projects and what they reference, not tools/Pester: fetch Pester explicitly.
if [ "$restore_status" -eq 0 ] && dotnet build tools/Pester -v q -nologo; then
  dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1 2>&1 | tee "$pester_log"
  pester_status=${PIPESTATUS[0]}
fi

# Each test assembly ends with "Passed!  - Failed: N, Passed: N, ..." (or "Failed!  - ..."); Pester with "Pester: N passed, N failed".
read -r xunit_passed xunit_failed < <(awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { failed += $2; passed += $4 } END { print passed + 0, failed + 0 }' "$xunit_log")
read -r pester_passed pester_failed < <(awk '/^Pester: [0-9]+ passed, [0-9]+ failed/ { passed = $2; failed = $4 } END { print passed + 0, failed + 0 }' "$pester_log")
# A run that broke before reporting (a build error, a crash) counts as a failure, never as nothing.
[ "$xunit_status" -ne 0 ] && [ "$xunit_failed" -eq 0 ] && xunit_failed=1
[ "$pester_status" -ne 0 ] && [ "$pester_failed" -eq 0 ] && pester_failed=1

echo "(xUnit: $xunit_passed passed and $xunit_failed failed; Pester: $pester_passed passed and $pester_failed failed)"
passed=$((xunit_passed + pester_passed))
failed=$((xunit_failed + pester_failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
