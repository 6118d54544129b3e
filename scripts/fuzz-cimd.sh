#!/usr/bin/env bash
# Fuzzes the CIMD URL policy, the metadata response reader, the address classifier and the CIMD document validator
# with Jazzer, one target per run, each for its @FuzzTest maxDuration (30 s). A finding fails the run and leaves the
# crashing input under libraries/mcp-authorization-server/src/test/resources/.../*Inputs/ to become a regression seed.
# (Plain `./mvnw verify` runs the same tests in regression mode, on their seed inputs only.)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(
  CimdFetchFuzzTest#urlPolicyRefusesOnlyWithItsOwnException
  CimdFetchFuzzTest#responseReaderRefusesOnlyWithItsOwnException
  CimdFetchFuzzTest#addressClassificationIsTotalAndMappedFormsAgree
  ClientIdMetadataDocumentValidatorFuzzTest#validatorRefusesOnlyWithItsOwnException
)
for t in "${targets[@]}"; do
  echo "fuzzing $t"
  JAZZER_FUZZ=1 ./mvnw -q -B -ntp -pl libraries/mcp-authorization-server test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false
done
