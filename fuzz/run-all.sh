#!/usr/bin/env bash
# Run every fuzz target in turn for SECONDS each (default 600), one process at a time
# (libFuzzer's default: one job, no forked workers),
# and print the executions and time of each. Crashing inputs land in fuzz/artifacts/<target>/;
# copy them to tests/fixtures/fuzz-regressions/<target>/ once fixed.
#   fuzz/run-all.sh [SECONDS] [TARGET…]
# Needs cargo-fuzz and a nightly compiler; with stable, RUSTC_BOOTSTRAP=1 is set here.
set -uo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(frontmatter yaml_site yaml_teams yaml_units yaml_schedule markdown pipeline yaml_lines_diff markdown_fast_diff)
export RUSTC_BOOTSTRAP=1
mkdir -p target/fuzz-logs
# Seeds: the fixtures' and the sample site's files of each kind.
seed() {
  local t=$1 dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  [ -z "$(ls -A "$dir")" ] || return 0
  local n=0
  case $t in
    yaml_site|yaml_teams|yaml_units)
      for f in tests/fixtures/*/content/"${t#yaml_}".yaml content/"${t#yaml_}".yaml; do
        [ -f "$f" ] && cp "$f" "$dir/seed-$((n++))"; done ;;
    yaml_lines_diff)
      for f in tests/fixtures/*/content/*.yaml content/*.yaml content/schedule/*.yaml; do
        [ -f "$f" ] && cp "$f" "$dir/seed-$((n++))"; done ;;
    yaml_schedule)
      for f in tests/fixtures/*/content/schedule.yaml content/schedule/*.yaml; do
        [ -f "$f" ] && cp "$f" "$dir/seed-$((n++))"; done ;;
    frontmatter|markdown|markdown_fast_diff)
      while IFS= read -r f; do
        case $f in */pages/*) p=$'\x01' ;; */plan.md) p=$'\x02' ;; *) p=$'\x00' ;; esac
        if [ "$t" = frontmatter ]; then { printf '%s' "$p"; cat "$f"; } >"$dir/seed-$((n++))"
        else cp "$f" "$dir/seed-$((n++))"; fi
      done < <(find tests/fixtures/valid tests/fixtures/minimal content -name '*.md' | sort | head -40) ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  log="target/fuzz-logs/$t.log"
  start=$SECONDS
  # Safe Rust: no AddressSanitizer (it would halve the executions); debug assertions on.
  args=(-max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
  if cargo fuzz --version >/dev/null 2>&1; then
    cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- "${args[@]}" >"$log" 2>&1
  else
    # Without cargo-fuzz: the same build by hand (libFuzzer's coverage passes, --cfg fuzzing).
    (cd fuzz && RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
      -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
      -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions" \
      cargo build --release --target x86_64-unknown-linux-gnu --bin "$t" >/dev/null 2>&1) &&
      mkdir -p "fuzz/artifacts/$t" &&
      "fuzz/target/x86_64-unknown-linux-gnu/release/$t" -artifact_prefix="fuzz/artifacts/$t/" "fuzz/corpus/$t" "${args[@]}" >"$log" 2>&1
  fi
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  echo "$t: exit $rc, ${execs:-?} executions in $((SECONDS - start)) s (log: $log)"
done
