#!/usr/bin/env bash
# demo.sh -- the main job: install what is needed, build, install, load the
# sample CRM into a server and print what emotion_crm sees in it.
#
#   sudo bash scripts/demo.sh                 # throw-away cluster, removed on exit
#   sudo -E bash scripts/demo.sh              # keeps your PGHOST/PGPORT/PGDATABASE/PGUSER:
#                                             # then your own server is used
#   sudo bash scripts/demo.sh --customers 500 # smaller sample
#   sudo bash scripts/demo.sh --keep          # leave the throw-away cluster running
#
# Your own server is used when PGHOST, PGPORT, PGDATABASE or PGSERVICE is set
# (--throwaway forces a throw-away cluster).  The sample goes into schema
# "crm" of PGDATABASE, or of a new database emotion_crm_demo when PGDATABASE
# is not set.  An existing schema "crm" is only replaced if this script made it.
set -eu
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

customers=${EC_CUSTOMERS:-3000}
mode=auto
while [ $# -gt 0 ]; do
	case "$1" in
		--customers) customers=$2; shift ;;
		--customers=*) customers=${1#*=} ;;
		--small) customers=200 ;;
		--keep) export EC_KEEP=1 ;;
		--throwaway) mode=throwaway ;;
		--own-server) mode=own ;;
		-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) ec_die "unknown option: $1 (see --help)" ;;
	esac
	shift
done
case "$customers" in ''|*[!0-9]*) ec_die "--customers needs a number" ;; esac

if [ "$mode" = auto ]; then
	if [ -n "${PGHOST:-}${PGPORT:-}${PGDATABASE:-}${PGSERVICE:-}" ]; then
		mode=own
	else
		mode=throwaway
	fi
fi

ec_install_deps
ec_pick_pg_config
ec_pick_users

ec_say "building (make, as $EC_BUILD_USER)"
ec_make -s -j2 || ec_die "build failed"

ec_lock
ec_say "installing (make install)"
ec_as_root make -C "$EC_ROOT" -s PG_CONFIG="$PG_CONFIG" install || ec_die "make install failed"

if [ "$mode" = own ]; then
	ec_say "using your server: host=${PGHOST:-(default)} port=${PGPORT:-(default)} db=${PGDATABASE:-(new emotion_crm_demo)} user=${PGUSER:-$EC_SELF}"
	if [ -z "${PGDATABASE:-}" ]; then
		PGDATABASE=postgres ec_psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'emotion_crm_demo'" | grep -q 1 \
			|| PGDATABASE=postgres ec_psql -c 'CREATE DATABASE emotion_crm_demo' \
			|| ec_die "could not create database emotion_crm_demo (set PGDATABASE to a database you may use)"
		export PGDATABASE=emotion_crm_demo
	fi
else
	ec_workdir
	ec_cluster_start
	ec_psql -c 'CREATE DATABASE emotion_crm_demo'
	export PGDATABASE=emotion_crm_demo
fi

ec_say "CREATE EXTENSION emotion_crm"
ec_psql -c 'CREATE EXTENSION IF NOT EXISTS emotion_crm' || ec_die "CREATE EXTENSION failed"

ec_say "loading the sample CRM ($customers customers)"
t=$(date +%s)
ec_psql -v customers="$customers" -f "$EC_ROOT/sample/load.sql" || ec_die "loading the sample failed"
ec_say "sample loaded in $(( $(date +%s) - t )) s"

ec_say "what emotion_crm sees (sample/demo.sql)"
# every section runs even if one fails; failures still fail the script
errs=$(mktemp "${TMPDIR:-/tmp}/emotion_crm_demo_err.XXXXXX")
{ "$EC_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=0 -P pager=off -f "$EC_ROOT/sample/demo.sql" 2>&1 1>&3 \
	| tee "$errs" >&2; } 3>&1
nerr=$(grep -c 'ERROR:' "$errs" || true)
rm -f -- "$errs"
[ "$nerr" = 0 ] || ec_die "$nerr demo queries failed (see above)"

if [ "$mode" = throwaway ] && [ "${EC_KEEP:-0}" = 1 ]; then
	ec_say "connect with: psql -h $PGHOST -p $PGPORT -U postgres emotion_crm_demo"
fi
ec_say "demo done in $(ec_elapsed) s"
