#!/usr/bin/env bash
# fuzz.sh -- the long libFuzzer runs: builds the targets (make fuzz) and runs
# each for a number of executions or seconds, then reports per target the
# executions, executions per second, crashes and sanitizer reports.
#
#   bash scripts/fuzz.sh [-r RUNS | -t SECONDS] [-j JOBS] [-s SEED] [-o DIR] [TARGET]...
#
#   -r RUNS      executions per target (default 10000000)
#   -t SECONDS   run each target for this long instead
#   -j JOBS      targets run at once (default 1; at most the number of cores)
#   -s SEED      libFuzzer -seed (default: libFuzzer picks one and logs it)
#   -o DIR       where corpora, logs and crash inputs go (default: a new
#                directory under ${TMPDIR:-/tmp}); reusing a DIR resumes from
#                the corpora it holds
#   TARGET       fuzz_core, fuzz_emotion_in, fuzz_segment_in, fuzz_journey_in
#                (default: all four)
#
# Environment: PG_CONFIG (for make; the literal targets link its
# libpgcommon.a for PostgreSQL's float formatting when it is there),
# FUZZ_NICE (default 10), FUZZ_MAX_LEN (default 4096).
#
# Each target runs as  nice -n $FUZZ_NICE test/fuzz/<target> -runs=RUNS
# -max_len=$FUZZ_MAX_LEN DIR/<target>/corpus test/fuzz/corpus/<seeds>:
# new inputs go to DIR/<target>/corpus (the committed seeds are only read),
# crash inputs to DIR/<target>/, the output to DIR/<target>/fuzz.log.  A
# crash, a failed check or a sanitizer report stops that target.  Exit
# status 0 only when every target ran to the end with no crash and no
# sanitizer report.  Not part of scripts/test.sh, which runs each target
# briefly with a fixed seed.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

runs=10000000
secs=
jobs=1
seed=
out=
while getopts 'r:t:j:s:o:h' opt; do
	case $opt in
		r) runs=$OPTARG ;;
		t) secs=$OPTARG ;;
		j) jobs=$OPTARG ;;
		s) seed=$OPTARG ;;
		o) out=$OPTARG ;;
		*) sed -n '2,30p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_core fuzz_emotion_in fuzz_segment_in fuzz_journey_in)

command -v clang >/dev/null 2>&1 || { echo "fuzz.sh: needs clang (libFuzzer)" >&2; exit 1; }
make -s ${PG_CONFIG:+PG_CONFIG="$PG_CONFIG"} fuzz || exit 1
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/emotion_crm_fuzz.XXXXXX")
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)

# the committed seed corpus of a target (fuzz_core has none)
seeds()
{
	local d="test/fuzz/corpus/${1#fuzz_}"
	[ -d "$d" ] && echo "$d"
}

run_one()
{
	local t=$1 d="$out/$1" limit
	mkdir -p "$d/corpus"
	if [ -n "$secs" ]; then
		limit=-max_total_time=$secs
	else
		limit=-runs=$runs
	fi
	nice -n "${FUZZ_NICE:-10}" "test/fuzz/$t" $limit ${seed:+-seed=$seed} \
		-max_len="${FUZZ_MAX_LEN:-4096}" -print_final_stats=1 \
		-artifact_prefix="$d/" "$d/corpus" $(seeds "$t") >"$d/fuzz.log" 2>&1
	echo $? >"$d/status"
}

# at most $jobs targets at once
for t in "${targets[@]}"; do
	[ -x "test/fuzz/$t" ] || { echo "fuzz.sh: unknown target $t" >&2; exit 2; }
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	echo "fuzz.sh: $t -> $out/$t/fuzz.log" >&2
	run_one "$t" &
done
wait

failed=0
printf '%-16s %12s %8s %7s %10s %6s\n' target executions exec/s crashes sanitizer status
for t in "${targets[@]}"; do
	d="$out/$t"
	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/fuzz.log" | tail -n 1)
	r=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$d/fuzz.log" | tail -n 1)
	c=$(find "$d" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' \
		-o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
	s=$(grep -c -E 'runtime error:|ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)' "$d/fuzz.log")
	st=$(cat "$d/status")
	printf '%-16s %12s %8s %7s %10s %6s\n' "$t" "${n:-?}" "${r:-?}" "$c" "$s" "$st"
	[ "$st" = 0 ] && [ "$c" = 0 ] && [ "$s" = 0 ] || failed=1
done
echo "logs, corpora and crash inputs: $out"
exit $failed
