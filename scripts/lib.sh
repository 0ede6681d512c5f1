# shellcheck shell=bash
# lib.sh -- helpers shared by scripts/demo.sh and scripts/test.sh.
#
# Who does what:
#   root (or sudo)      apt-get, `make install`
#   EC_BUILD_USER       `make` in the source tree (the tree's owner, so a
#                       `sudo bash scripts/demo.sh` leaves no root-owned files)
#   EC_CLUSTER_USER     the throw-away cluster and the tests that need a
#                       server lifecycle (initdb refuses to run as root):
#                       yourself when not root, else the `postgres` system user
#
# Settings (environment):
#   PG_CONFIG           pg_config to build and install against (default: the
#                       one for PostgreSQL 15 if present, else pg_config in PATH)
#   EC_SKIP_DEPS=1      do not check/install system packages
#   EC_KEEP=1           keep the temporary directory (cluster, logs) on exit
#   EC_INSTALL_LOCK=f   flock(1) file held while installing and testing, for
#                       machines where several checkouts install at once

set -o pipefail

EC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EC_SELF=$(id -un)
EC_T0=$(date +%s)

ec_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
ec_warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
ec_die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }
ec_elapsed() { echo $(( $(date +%s) - EC_T0 )); }

# plain output when not on a terminal (CI logs)
if [ ! -t 2 ]; then
	ec_say() { printf '==> %s\n' "$*" >&2; }
	ec_warn() { printf 'warning: %s\n' "$*" >&2; }
	ec_die() { printf 'error: %s\n' "$*" >&2; exit 1; }
fi

# shellcheck source=scripts/deps.sh
. "$EC_ROOT/scripts/deps.sh"

# ec_as_root CMD...: run as root (directly, or through sudo)
ec_as_root()
{
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo -- "$@"
	else
		ec_die "need root for: $* (run as root, or install sudo)"
	fi
}

# ec_as USER CMD...: run CMD as USER (root may become anyone)
ec_as()
{
	local u=$1
	shift
	if [ "$u" = "$EC_SELF" ]; then
		"$@"
	elif [ "$(id -u)" = 0 ]; then
		# from /, as the other user may not enter the current directory
		(cd / && runuser -u "$u" -- "$@")
	else
		ec_die "cannot run as $u: $*"
	fi
}

# ec_pick_pg_config: PG_CONFIG for the server we build against
ec_pick_pg_config()
{
	if [ -z "${PG_CONFIG:-}" ]; then
		if [ -x /usr/lib/postgresql/15/bin/pg_config ]; then
			PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
		else
			PG_CONFIG=$(command -v pg_config || true)
		fi
	fi
	[ -n "$PG_CONFIG" ] && [ -x "$PG_CONFIG" ] || ec_die "pg_config not found (set PG_CONFIG)"
	export PG_CONFIG
	EC_PG_BINDIR=$("$PG_CONFIG" --bindir)
	ec_say "building against $("$PG_CONFIG" --version) ($PG_CONFIG)"
}

# ec_pick_users: EC_BUILD_USER, EC_CLUSTER_USER
ec_pick_users()
{
	local owner
	owner=$(stat -c %U "$EC_ROOT")
	if [ "$(id -u)" = 0 ]; then
		if [ "$owner" != root ] && [ "$owner" != UNKNOWN ] && id "$owner" >/dev/null 2>&1; then
			EC_BUILD_USER=$owner
		else
			EC_BUILD_USER=root
		fi
		EC_CLUSTER_USER=${EC_CLUSTER_USER:-postgres}
		id "$EC_CLUSTER_USER" >/dev/null 2>&1 \
			|| ec_die "user $EC_CLUSTER_USER does not exist (it comes with the postgresql-15 package)"
	else
		EC_BUILD_USER=$EC_SELF
		EC_CLUSTER_USER=$EC_SELF
	fi
}

# ec_make ARGS...: make in the source tree as the build user
ec_make()
{
	ec_as "$EC_BUILD_USER" make -C "$EC_ROOT" PG_CONFIG="$PG_CONFIG" "$@"
}

# ec_copy_tree DEST: a copy of the source tree without git data and build
# products; the test and valgrind runs build there, never in the checkout
ec_copy_tree()
{
	mkdir -p "$1" || ec_die "could not create $1"
	tar -C "$EC_ROOT" \
		--exclude=./.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude=./results --exclude=./tmp_check --exclude=./log \
		--exclude=./regression.diffs --exclude=./regression.out \
		--exclude=node_modules --exclude=./bench/out --exclude=./test/accuracy/out \
		-cf - . | tar -C "$1" -xf - || ec_die "could not copy the source tree"
}

# ec_workdir: a private temporary directory, removed on exit (EC_KEEP=1 keeps it)
EC_WORK=
EC_PG_DATA=
EC_PG_STARTED=0
ec_workdir()
{
	EC_WORK=$(mktemp -d "${TMPDIR:-/tmp}/emotion_crm.XXXXXX") || ec_die "mktemp failed"
	chmod 0755 "$EC_WORK"
	trap ec_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

ec_cleanup()
{
	local rc=$?
	if [ "$EC_PG_STARTED" = 1 ] && [ -n "$EC_PG_DATA" ]; then
		if [ "${EC_KEEP:-0}" = 1 ]; then
			ec_say "EC_KEEP=1: cluster left running; stop it with: $(ec_stop_cmd)"
		else
			ec_as "$EC_CLUSTER_USER" "$EC_PG_BINDIR/pg_ctl" -D "$EC_PG_DATA" -m fast -w stop >/dev/null 2>&1 \
				|| ec_warn "could not stop the cluster in $EC_PG_DATA"
		fi
	fi
	if [ -n "$EC_WORK" ] && [ -d "$EC_WORK" ]; then
		case "$EC_WORK" in
			*/emotion_crm.??????)
				if [ "${EC_KEEP:-0}" = 1 ]; then
					ec_say "EC_KEEP=1: kept $EC_WORK"
				else
					rm -rf -- "$EC_WORK"
				fi
				;;
		esac
	fi
	exit $rc
}

ec_stop_cmd()
{
	if [ "$EC_CLUSTER_USER" = "$EC_SELF" ]; then
		echo "$EC_PG_BINDIR/pg_ctl -D $EC_PG_DATA stop; rm -rf $EC_WORK"
	else
		echo "runuser -u $EC_CLUSTER_USER -- $EC_PG_BINDIR/pg_ctl -D $EC_PG_DATA stop; rm -rf $EC_WORK"
	fi
}

# ec_free_port: a TCP port nobody listens on and no socket file uses
ec_free_port()
{
	local p
	for p in $(seq $(( 54330 + RANDOM % 500 )) 54999) $(seq 54330 54999); do
		[ -e "/tmp/.s.PGSQL.$p" ] && continue
		[ -e "/var/run/postgresql/.s.PGSQL.$p" ] && continue
		if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			continue
		fi
		echo "$p"
		return 0
	done
	ec_die "no free port in 54330-54999"
}

# ec_cluster_start: initdb + start a throw-away cluster as EC_CLUSTER_USER in
# $EC_WORK; it listens only on a private Unix socket.  Exports PGHOST, PGPORT,
# PGUSER (superuser "postgres"), PGDATABASE.
ec_cluster_start()
{
	local port sock log
	[ -n "$EC_WORK" ] || ec_workdir
	port=$(ec_free_port)
	EC_PG_DATA=$EC_WORK/data
	sock=$EC_WORK/sock
	log=$EC_WORK/postgres.log
	mkdir -p "$sock"
	chmod 0700 "$sock"
	if [ "$EC_CLUSTER_USER" != "$EC_SELF" ]; then
		chown "$EC_CLUSTER_USER" "$EC_WORK" "$sock"
	fi
	ec_say "throw-away cluster: initdb as $EC_CLUSTER_USER in $EC_PG_DATA (port $port, socket dir $sock)"
	ec_as "$EC_CLUSTER_USER" "$EC_PG_BINDIR/initdb" -D "$EC_PG_DATA" -U postgres -A trust \
		-E UTF8 --locale=C.UTF-8 -N >"$EC_WORK/initdb.log" 2>&1 \
		|| { cat "$EC_WORK/initdb.log" >&2; ec_die "initdb failed"; }
	cat >>"$EC_PG_DATA/postgresql.conf" <<-EOF

		# throw-away cluster for emotion_crm
		port = $port
		listen_addresses = ''
		unix_socket_directories = '$sock'
		unix_socket_permissions = 0700
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_connections = 40
		shared_buffers = 128MB
		max_wal_size = 1GB
		log_min_messages = warning
	EOF
	ec_as "$EC_CLUSTER_USER" "$EC_PG_BINDIR/pg_ctl" -D "$EC_PG_DATA" -l "$log" -w -t 120 start >/dev/null \
		|| { cat "$log" >&2; ec_die "pg_ctl start failed"; }
	EC_PG_STARTED=1
	export PGHOST=$sock PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	unset PGPASSWORD PGSERVICE PGHOSTADDR PGOPTIONS
}

# ec_psql ARGS...: psql that stops at the first error and reads no ~/.psqlrc
ec_psql()
{
	"$EC_PG_BINDIR/psql" -X -v ON_ERROR_STOP=1 -q "$@"
}

# ec_lock: hold EC_INSTALL_LOCK (if set) for the rest of the script
ec_lock()
{
	if [ -n "${EC_INSTALL_LOCK:-}" ]; then
		if [ -e "$EC_INSTALL_LOCK" ]; then
			exec 9<"$EC_INSTALL_LOCK"
		else
			exec 9>>"$EC_INSTALL_LOCK"
		fi
		ec_say "waiting for lock $EC_INSTALL_LOCK"
		flock 9
	fi
}
