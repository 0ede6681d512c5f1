#!/usr/bin/env bash
# test.sh -- the tests: same set-up as scripts/demo.sh, then every suite.
#
#   sudo bash scripts/test.sh        (or as root: bash scripts/test.sh)
#
# The source tree is copied (without build products or .git) to a temporary
# directory owned by the test user, built there with warnings as errors, and
# installed from there, so your checkout is never modified.  Suites:
#   core        make core-check            pure-C core unit tests
#   core-asan   make core-check-asan       the same under AddressSanitizer (if the target exists)
#   fuzz        make fuzz + seeded libFuzzer runs: the core (EC_FUZZ_RUNS inputs,
#               default 500000) and each literal parser (EC_FUZZ_LIT_RUNS, default 200000)
#   install     make install
#   regress-ENC make installcheck REGRESS_ENCODING=ENC
#                                          pg_regress against a throw-away cluster,
#                                          once per database encoding ENC in
#                                          EC_REGRESS_ENCODINGS (default: UTF8
#                                          LATIN1 WIN1252 EUC_JP SQL_ASCII)
#   tap         prove test/t/*.pl          PostgreSQL::Test::Cluster tests (own clusters)
#   sample      sample/load.sql + sample/demo.sql at the small size
# Exit status is 0 only when every suite passes.  EC_KEEP=1 keeps the
# temporary directory (build, logs, results) for inspection.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -a S_NAME=() S_RES=() S_SECS=()
failed=0
record()
{
	S_NAME+=("$1"); S_RES+=("$2"); S_SECS+=("$3")
	[ "$2" = FAIL ] && failed=1
	return 0
}

# run_suite NAME CMD...: run a suite, record PASS/FAIL and its time
run_suite()
{
	local name=$1 t rc
	shift
	ec_say "suite $name"
	t=$(date +%s)
	"$@"
	rc=$?
	if [ $rc = 0 ]; then
		record "$name" PASS $(( $(date +%s) - t ))
	else
		record "$name" FAIL $(( $(date +%s) - t ))
		ec_warn "suite $name failed (exit $rc)"
	fi
	return $rc
}

summary()
{
	local i
	echo
	echo "================ emotion_crm test summary ================"
	for i in "${!S_NAME[@]}"; do
		printf '  %-18s %-5s %5ss\n' "${S_NAME[$i]}" "${S_RES[$i]}" "${S_SECS[$i]}"
	done
	echo "  total time: $(ec_elapsed)s"
	if [ $failed = 0 ]; then
		echo "  RESULT: all suites passed"
	else
		echo "  RESULT: FAILED"
	fi
	echo "=========================================================="
}

finish()
{
	summary
	exit $failed
}

ec_install_deps test || exit 1
ec_pick_pg_config
ec_pick_users
ec_workdir

# ---- a private copy of the tree ------------------------------------------
T=$EC_WORK/src
ec_copy_tree "$T"
if [ "$EC_CLUSTER_USER" != "$EC_SELF" ]; then
	chown -R "$EC_CLUSTER_USER" "$EC_WORK"
fi
tmake() { ec_as "$EC_CLUSTER_USER" make -C "$T" PG_CONFIG="$PG_CONFIG" "$@"; }
ec_say "testing a copy of the tree in $T as $EC_CLUSTER_USER"

# ---- build ---------------------------------------------------------------
tmake -s clean >/dev/null 2>&1
run_suite build tmake -s -j2 WERROR=1 || { ec_warn "build failed: nothing else can run"; finish; }

# ---- pure-C core ---------------------------------------------------------
if tmake -n core-check >/dev/null 2>&1; then
	run_suite core tmake -s WERROR=1 core-check
else
	record core SKIP 0
fi
# the sanitizer build prefers clang; without a clang that can link the
# sanitizer runtimes (Debian: clang + libclang-rt-*-dev) it uses gcc
san_cc=gcc
if command -v clang >/dev/null 2>&1 \
	&& echo 'int main(void){return 0;}' >"$EC_WORK/san.c" \
	&& clang -fsanitize=address,undefined -o "$EC_WORK/san" "$EC_WORK/san.c" >/dev/null 2>&1; then
	san_cc=clang
fi
if tmake -n core-check-asan >/dev/null 2>&1; then
	ec_say "sanitizer build with $san_cc"
	run_suite core-asan tmake -s WERROR=1 SAN_CC="$san_cc" core-check-asan
else
	record core-asan SKIP 0
fi

# short, seeded libFuzzer runs of every target (needs clang): the core
# (EC_FUZZ_RUNS inputs) and the emotion, emotion_segment and emotion_journey
# literal parsers (EC_FUZZ_LIT_RUNS inputs each, from their seed corpora);
# any crash, sanitizer report or failed check fails the suite.  The long
# runs are scripts/fuzz.sh.
fuzz()
{
	local d="$EC_WORK/fuzz" t n rc=0
	tmake -s fuzz || return 1
	for t in fuzz_core fuzz_emotion_in fuzz_segment_in fuzz_journey_in; do
		ec_as "$EC_CLUSTER_USER" mkdir -p "$d/$t/corpus" || return 1
		n=${EC_FUZZ_LIT_RUNS:-200000}
		[ $t = fuzz_core ] && n=${EC_FUZZ_RUNS:-500000}
		(cd / && ec_as "$EC_CLUSTER_USER" sh -c 'cd "$1" && exec "$2" -seed=1 -runs="$3" -max_len=4096 -artifact_prefix="$1/" "$1/corpus" $4 >"$1/fuzz.log" 2>&1' \
			sh "$d/$t" "$T/test/fuzz/$t" "$n" "$([ -d "$T/test/fuzz/corpus/${t#fuzz_}" ] && echo "$T/test/fuzz/corpus/${t#fuzz_}")")
		if [ $? = 0 ]; then
			echo "$t: $(grep -E '^Done [0-9]+ runs' "$d/$t/fuzz.log")"
		else
			rc=1
			echo "$t: FAILED"
			tail -n 40 "$d/$t/fuzz.log"
		fi
	done
	return $rc
}
if [ "$san_cc" = clang ] && tmake -n fuzz >/dev/null 2>&1; then
	run_suite fuzz fuzz
else
	record fuzz SKIP 0
fi

# ---- install + server suites ----------------------------------------------
ec_lock
run_suite install ec_as_root make -C "$T" -s PG_CONFIG="$PG_CONFIG" install \
	|| { ec_warn "install failed: no server suites"; finish; }

ec_cluster_start

# regress ENC: the pg_regress suite in a database of encoding ENC (C locale;
# psql talks UTF8, see the Makefile); the diffs of a failed run are shown and
# kept as $EC_WORK/regression-ENC.diffs
regress()
{
	local enc=$1 log=$EC_WORK/postgres.log from
	from=$(wc -l <"$log" 2>/dev/null || echo 0)
	rm -f "$T/regression.diffs" "$T/regression.out"
	if tmake -s installcheck TAP_TESTS= REGRESS_ENCODING="$enc"; then
		return 0
	fi
	if [ -f "$T/regression.diffs" ]; then
		cp "$T/regression.diffs" "$EC_WORK/regression-$enc.diffs"
		echo "---- regression.diffs ($enc) ----"
		cat "$T/regression.diffs"
	fi
	# crashes and assertion failures of this run only; the log holds every
	# expected error too
	if tail -n +"$((from + 1))" "$log" | grep -Eq 'PANIC|TRAP|terminated by signal|was terminated'; then
		echo "---- server log: crashes ----"
		tail -n +"$((from + 1))" "$log" | grep -E -B5 -A5 'PANIC|TRAP|terminated by signal|was terminated' | tail -n 80
	fi
	return 1
}
has_regress()
{
	local f
	for f in "$T"/sql/*.sql; do
		case "$(basename "$f")" in emotion_crm--*) ;; *) [ -f "$f" ] && return 0 ;; esac
	done
	return 1
}
if has_regress; then
	for enc in ${EC_REGRESS_ENCODINGS:-UTF8 LATIN1 WIN1252 EUC_JP SQL_ASCII}; do
		run_suite "regress-$enc" regress "$enc"
	done
else
	record regress SKIP 0
fi

tap()
{
	# PGXS runs prove from the tree with -I for its PostgreSQL::Test modules;
	# the tests start their own clusters (hence a non-root user)
	if tmake -s installcheck REGRESS= PROVE_TESTS='test/t/*.pl' PROVE_FLAGS='--timer'; then
		return 0
	fi
	local f
	for f in "$T"/tmp_check/log/regress_log_*; do
		[ -f "$f" ] || continue
		echo "---- $(basename "$f") (last 60 lines) ----"
		tail -n 60 "$f"
	done
	return 1
}
if compgen -G "$T/test/t/*.pl" >/dev/null; then
	run_suite tap tap
else
	record tap SKIP 0
fi

sample()
{
	ec_psql -c 'CREATE DATABASE ec_sample_test' \
		&& PGDATABASE=ec_sample_test ec_psql -c 'CREATE EXTENSION emotion_crm' \
		&& PGDATABASE=ec_sample_test ec_psql -v customers=150 -f "$T/sample/load.sql" \
		&& PGDATABASE=ec_sample_test ec_psql -P pager=off -f "$T/sample/demo.sql" >"$EC_WORK/demo.out" \
		&& PGDATABASE=ec_sample_test ec_psql -f "$T/sample/check.sql"
	local rc=$?
	[ $rc = 0 ] || { echo "---- demo output ----"; tail -n 40 "$EC_WORK/demo.out" 2>/dev/null; }
	ec_psql -c 'DROP DATABASE IF EXISTS ec_sample_test' >/dev/null 2>&1
	return $rc
}
if [ -f "$T/sample/load.sql" ]; then
	run_suite sample sample
else
	record sample SKIP 0
fi

finish
