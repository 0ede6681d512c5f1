#!/usr/bin/env bash
# valgrind.sh -- the pg_regress suite against a server running under
# Valgrind memcheck; reports every memcheck error and whether any of them
# has a frame in this extension's code.
#
#   bash scripts/valgrind.sh [-s SUPPRESSIONS]... [--tests "a b ..."] [--track-origins] [--keep]
#
#   -s FILE          a Valgrind suppressions file; repeatable.  The project's
#                    own file, scripts/valgrind.supp, is always used.  Pass
#                    PostgreSQL's src/tools/valgrind.supp (from a PostgreSQL
#                    source tree of the same major version) here: Debian's
#                    packages do not ship it.
#   --tests "..."    the pg_regress tests to run (default: all of sql/*.sql)
#   --track-origins  --track-origins=yes: where uninitialised values came
#                    from (about twice as slow)
#   --keep           keep the temporary directory (cluster, logs)
#   --scan DIR       only scan the vg.*.log files of an earlier run in DIR
#
# Environment: PG_CONFIG, EC_INSTALL_LOCK (flock(1) file held around
# `make install` only), EC_SKIP_DEPS as for scripts/test.sh; VG_EXITCODE
# (default 1, see below).
#
# What it does: copies the tree to a temporary directory, builds it there
# (as scripts/test.sh does), `make install`s it, starts a throw-away cluster
# whose postmaster runs under
#   valgrind --tool=memcheck --trace-children=yes --error-exitcode=$VG_EXITCODE
#            --suppressions=... --log-file=<dir>/vg.%p.log
# (every backend is a fork of the postmaster and so runs under memcheck
# too), runs `make installcheck TAP_TESTS=` against it, stops it, and scans
# the per-process logs.
#
# The module is preloaded (shared_preload_libraries) so that every backend
# runs the build made here even if someone installs another build into the
# same PostgreSQL while the (slow) suite runs.
#
# --error-exitcode: a process with memcheck errors exits with VG_EXITCODE.
# The default 1 is an exit status the postmaster accepts from a backend, so
# an error does not trigger a crash restart that would break the remaining
# tests; the log scan below is the verdict.  Set VG_EXITCODE=101 to make
# every backend with an error look like a crash instead.
#
# Limits: Debian's PostgreSQL is not built with USE_VALGRIND, so palloc'd
# memory is not tracked chunk by chunk: memcheck sees memory-context blocks
# (8 kB and more) as allocated and defined once written, so an overrun
# inside a block, a read of a freed chunk that is still inside its block or
# of palloc'd-but-unset memory is NOT detected.  Overruns of whole blocks,
# of malloc'd memory (ICU), of the stack and of global data, and uses of
# uninitialised stack or malloc memory are.
#
# Exit status: 0 when no memcheck error has a frame in emotion_crm; 1
# otherwise or when the suite could not run; pg_regress failures are shown
# but do not by themselves fail this script (the server is slow; see the
# summary).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SUPP=("$EC_ROOT/scripts/valgrind.supp")
TESTS=
ORIGINS=no
SCAN=
while [ $# -gt 0 ]; do
	case "$1" in
		-s|--suppressions) [ -r "$2" ] || ec_die "cannot read suppressions file $2"
			SUPP+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
		--tests) TESTS=$2; shift 2 ;;
		--track-origins) ORIGINS=yes; shift ;;
		--keep) export EC_KEEP=1; shift ;;
		--scan) SCAN=$2; shift 2 ;;
		-h|--help) sed -n '2,50p' "${BASH_SOURCE[0]}"; exit 0 ;;
		*) ec_die "unknown argument: $1 (see --help)" ;;
	esac
done
# ---- the verdict -------------------------------------------------------
# An error block in a memcheck log runs from its first line to the next
# empty "==pid== " line; it is "ours" when any of its frames (the error's
# stack, or the allocation/origin stack that follows) lies in emotion_crm.so
# or in a source file of this tree.
scan_logs()
{
	perl -e '
	my ($ours_re) = shift @ARGV;
	my ($total, $ours, $procs, $kinds) = (0, 0, 0, {});
	my @ours_blocks;
	for my $f (@ARGV) {
		open my $fh, "<", $f or next;
		$procs++;
		my @block;
		my $flush = sub {
			if (@block && grep { /^==\d+==\s+(at|by) 0x/ } @block) {
				my $head = $block[0];
				$head =~ s/^==\d+== //;
				chomp $head;
				if ($head !~ /^(HEAP|LEAK|ERROR) SUMMARY|^Memcheck,|^Copyright|^Using Valgrind|^Command:|^Parent PID|^Warning:/) {
					$total++;
					(my $kind = $head) =~ s/ of size \d+//;
					$kinds->{$kind}++;
					if (grep { /$ours_re/ } @block) {
						$ours++;
						push @ours_blocks, "---- $f\n" . join("", @block);
					}
				}
			}
			@block = ();
		};
		while (my $l = <$fh>) {
			next unless $l =~ /^==\d+==/;
			if ($l =~ /^==\d+==\s*$/) { $flush->(); next; }
			push @block, $l;
		}
		$flush->();
	}
	print "processes logged: $procs\n";
	print "memcheck error contexts (distinct reports): $total\n";
	print "  $kinds->{$_} x $_\n" for sort keys %$kinds;
	print "error contexts with a frame in emotion_crm: $ours\n";
	print @ours_blocks[0 .. ($#ours_blocks < 9 ? $#ours_blocks : 9)];
' "$2" "$1"/vg.*.log
}


# frames of this extension: the module (without debug information), or one
# of its source files (built with -g: file:line), in the build tree or by name
src_names=
for f in "$EC_ROOT"/src/*.c "$EC_ROOT"/src/core/*.c; do
	[ -f "$f" ] && src_names="$src_names${src_names:+|}$(basename "$f" .c)"
done
ours_re="emotion_crm\\.so|/(src|test)/.*\\b($src_names)\\.c:[0-9]"

if [ -n "$SCAN" ]; then
	[ -d "$SCAN" ] || ec_die "no such directory: $SCAN"
	report=$(scan_logs "$SCAN" "$ours_re")
	echo "$report"
	echo "$report" | grep -q '^error contexts with a frame in emotion_crm: 0$'
	exit $?
fi
command -v valgrind >/dev/null 2>&1 || ec_die "valgrind is not installed (Debian: apt-get install valgrind)"
[ ${#SUPP[@]} -gt 1 ] || ec_warn "only the project's suppressions: errors in PostgreSQL itself that its own valgrind.supp hides will be counted (pass it with -s)"

ec_install_deps test || exit 1
ec_pick_pg_config
ec_pick_users
ec_workdir

# ---- a private copy of the tree, built and installed -----------------------
T=$EC_WORK/src
ec_copy_tree "$T"
VG=$EC_WORK/valgrind
mkdir -p "$VG"
if [ "$EC_CLUSTER_USER" != "$EC_SELF" ]; then
	chown -R "$EC_CLUSTER_USER" "$EC_WORK"
fi
tmake() { ec_as "$EC_CLUSTER_USER" make -C "$T" PG_CONFIG="$PG_CONFIG" "$@"; }
ec_say "building a copy of the tree in $T"
tmake -s clean >/dev/null 2>&1
tmake -s -j2 WERROR=1 || ec_die "build failed"
install_module() { ec_as_root make -C "$T" -s PG_CONFIG="$PG_CONFIG" install; }
if [ -n "${EC_INSTALL_LOCK:-}" ]; then
	ec_say "make install (holding $EC_INSTALL_LOCK)"
	( flock 9 && install_module ) 9>>"$EC_INSTALL_LOCK" || ec_die "make install failed"
else
	install_module || ec_die "make install failed"
fi

# ---- the cluster, postmaster under memcheck ---------------------------------
port=$(ec_free_port)
EC_PG_DATA=$EC_WORK/data
sock=$EC_WORK/sock
mkdir -p "$sock"
chmod 0700 "$sock"
[ "$EC_CLUSTER_USER" != "$EC_SELF" ] && chown "$EC_CLUSTER_USER" "$sock"
ec_as "$EC_CLUSTER_USER" "$EC_PG_BINDIR/initdb" -D "$EC_PG_DATA" -U postgres -A trust \
	-E UTF8 --locale=C.UTF-8 -N >"$EC_WORK/initdb.log" 2>&1 \
	|| { cat "$EC_WORK/initdb.log" >&2; ec_die "initdb failed"; }
cat >>"$EC_PG_DATA/postgresql.conf" <<EOF

# throw-away cluster for emotion_crm under valgrind
port = $port
listen_addresses = ''
unix_socket_directories = '$sock'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 64MB
huge_pages = off
jit = off
autovacuum = off
shared_preload_libraries = 'emotion_crm'
log_min_messages = warning
log_line_prefix = '%m [%p] '
EOF
# pg_ctl -p runs this wrapper instead of postgres; exec keeps the pid
supp_opts=
for s in "${SUPP[@]}"; do supp_opts="$supp_opts --suppressions=$s"; done
cat >"$EC_WORK/postgres-vg" <<EOF
#!/bin/sh
exec valgrind --tool=memcheck --trace-children=yes --error-exitcode=${VG_EXITCODE:-1} \\
	--leak-check=no --error-limit=no --num-callers=40 --track-origins=$ORIGINS \\
	--read-var-info=no --gen-suppressions=all --fullpath-after= \\
	$supp_opts --log-file=$VG/vg.%p.log \\
	"$EC_PG_BINDIR/postgres" "\$@"
EOF
chmod 0755 "$EC_WORK/postgres-vg"
[ "$EC_CLUSTER_USER" != "$EC_SELF" ] && chown -R "$EC_CLUSTER_USER" "$EC_WORK/postgres-vg" "$VG"
ec_say "starting the cluster under valgrind (port $port; this takes a while)"
ec_as "$EC_CLUSTER_USER" "$EC_PG_BINDIR/pg_ctl" -D "$EC_PG_DATA" -p "$EC_WORK/postgres-vg" \
	-l "$EC_WORK/postgres.log" -w -t 600 start >/dev/null \
	|| { cat "$EC_WORK/postgres.log" >&2; ec_die "pg_ctl start under valgrind failed"; }
EC_PG_STARTED=1
export PGHOST=$sock PGPORT=$port PGUSER=postgres PGDATABASE=postgres
unset PGPASSWORD PGSERVICE PGHOSTADDR PGOPTIONS

# ---- the suite ----------------------------------------------------------
t0=$(date +%s)
regress_args=()
[ -n "$TESTS" ] && regress_args=(REGRESS="$TESTS")
ec_say "make installcheck ${TESTS:+(tests: $TESTS)}"
# the server is 20-50x slower under memcheck: no client-side timeouts
tmake -s installcheck TAP_TESTS= "${regress_args[@]}" PGCTLTIMEOUT=600 >"$EC_WORK/installcheck.log" 2>&1
regress_rc=$?
regress_secs=$(( $(date +%s) - t0 ))
cat "$EC_WORK/installcheck.log"
[ $regress_rc = 0 ] || { [ -f "$T/regression.diffs" ] && head -n 200 "$T/regression.diffs"; }

ec_say "stopping the cluster"
ec_as "$EC_CLUSTER_USER" "$EC_PG_BINDIR/pg_ctl" -D "$EC_PG_DATA" -m fast -w -t 600 stop >/dev/null \
	|| ec_warn "pg_ctl stop failed"
# shellcheck disable=SC2034  # read by ec_cleanup in lib.sh
EC_PG_STARTED=0

report=$(scan_logs "$VG" "$ours_re")
summary_total=$(cat "$VG"/vg.*.log 2>/dev/null | sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')

echo
echo "================ emotion_crm under valgrind ================"
echo "  tests: ${TESTS:-all} ($regress_secs s, pg_regress exit status $regress_rc)"
grep -E '^(ok|not ok|test |     )|tests (passed|failed)|failed \(ignored\)' "$EC_WORK/installcheck.log" | sed 's/^/  /' | tail -n 30
echo "  suppressions: ${SUPP[*]}"
awk '{ print "  " $0 }' <<<"$report"
echo "  errors counted by memcheck (sum of the ERROR SUMMARY lines, repeats included): $summary_total"
if [ "${EC_KEEP:-0}" = 1 ]; then
	echo "  logs: $VG"
else
	echo "  logs: deleted with the temporary directory (keep them with --keep)"
fi
echo "============================================================"
ours=$(echo "$report" | sed -n 's/^error contexts with a frame in emotion_crm: //p')
[ "${ours:-1}" = 0 ] || exit 1
exit 0
