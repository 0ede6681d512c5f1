#!/usr/bin/env bash
# portability.sh -- compile the extension's C code against the server headers
# of PostgreSQL 13, 14, 15, 16 and 17 (not part of scripts/test.sh).
#
#   sudo bash scripts/portability.sh            all of 13 14 15 16 17
#   sudo bash scripts/portability.sh 13 17      only these (18: Debian sid, optional)
#
# For each version it downloads two packages from the Debian (13, 15, 17) or
# Ubuntu (14, 16) archive: postgresql-server-dev-NN (the server headers) and
# postgresql-client-NN (only for its PGXS Makefile.global, which holds the
# warning flags PGXS compiles extensions with).  The suite's Packages.xz
# index gives the file and its SHA-256, which is checked; the packages are
# unpacked with `dpkg-deb -x` into a cache directory.  Nothing is installed,
# nothing from the packages is executed, and the system PostgreSQL is not
# touched.  Then every src/*.c and src/core/*.c (and the lexicon, generated
# into a temporary directory) is compiled with -O2 -c into that temporary
# directory with the version's own PGXS warning flags plus the project's
# -Wall -Wextra -Wno-unused-parameter -Werror, and the local ICU headers.
# One PASS/FAIL line per version; the exit status is non-zero on any FAIL,
# including a version whose packages could not be downloaded.
#
# It only compiles: nothing is linked, loaded or run against these versions.
#
# Settings (environment):
#   EC_PORT_CACHE   download/unpack directory (default: /var/cache/emotion_crm-portability
#                   as root, else ~/.cache/emotion_crm-portability; about 120 MB)
#   EC_PORT_REFRESH=1  download the archive indexes again (newer minor releases)
#   CC              compiler (default gcc: the packages' pg_config.h is
#                   configured for gcc, and clang rejects its gnu_printf attributes)
#   EC_SKIP_DEPS=1  do not apt-get the tools (curl, xz-utils, gcc, libicu-dev, ...)
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEBIAN=https://deb.debian.org/debian
DEBIAN_SEC=https://deb.debian.org/debian-security
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
if [ "$ARCH" = amd64 ] || [ "$ARCH" = i386 ]; then
	UBUNTU=https://archive.ubuntu.com/ubuntu
else
	UBUNTU=https://ports.ubuntu.com/ubuntu-ports
fi

# Ubuntu: server-dev is in universe, the client (with PGXS) in main
ec_port_ubuntu()
{
	printf '%s\n' "$UBUNTU $1-updates universe" "$UBUNTU $1-updates main" \
		"$UBUNTU $1 universe" "$UBUNTU $1 main"
}

# where each version is looked for, first hit wins: "archive suite component"
ec_port_sources()
{
	case $1 in
		13) echo "$DEBIAN_SEC bullseye-security main"; echo "$DEBIAN bullseye main" ;;
		14) ec_port_ubuntu jammy ;;
		15) echo "$DEBIAN_SEC bookworm-security main"; echo "$DEBIAN bookworm main" ;;
		16) ec_port_ubuntu noble ;;
		17) echo "$DEBIAN_SEC trixie-security main"; echo "$DEBIAN trixie main" ;;
		18) echo "$DEBIAN sid main" ;;
		*) return 1 ;;
	esac
}

if [ "$(id -u)" = 0 ]; then
	CACHE=${EC_PORT_CACHE:-/var/cache/emotion_crm-portability}
else
	CACHE=${EC_PORT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emotion_crm-portability}
fi
CC=${CC:-gcc}
VERSIONS=("$@")
[ ${#VERSIONS[@]} = 0 ] && VERSIONS=(13 14 15 16 17)

# tools: only what is missing, never a PostgreSQL package
if [ "${EC_SKIP_DEPS:-0}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
	missing=$(ec_missing_packages curl ca-certificates xz-utils gcc libc6-dev libicu-dev pkg-config perl | tr '\n' ' ')
	if [ -n "${missing// /}" ]; then
		ec_say "installing tools: $missing"
		# shellcheck disable=SC2086
		ec_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q \
			&& ec_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -q -y \
				--no-install-recommends $missing \
			|| ec_die "apt-get failed (packages: $missing)"
	fi
fi
mkdir -p "$CACHE/index" "$CACHE/deb" "$CACHE/root" || ec_die "cannot create $CACHE"

# ec_port_index ARCHIVE SUITE COMPONENT: path of the (xz) Packages index
ec_port_index()
{
	local name f
	name=$(printf '%s_%s_%s_%s' "$1" "$2" "$3" "$ARCH" | tr -c 'A-Za-z0-9_.-' '_')
	f=$CACHE/index/$name.xz
	if [ ! -s "$f" ] || [ "${EC_PORT_REFRESH:-0}" = 1 ]; then
		curl -fsSL --retry 2 -m 300 -o "$f.tmp" "$1/dists/$2/$3/binary-$ARCH/Packages.xz" \
			&& xz -t "$f.tmp" && mv "$f.tmp" "$f" || { rm -f "$f.tmp"; return 1; }
	fi
	echo "$f"
}

# ec_port_fetch NN PACKAGE: download and unpack PACKAGE from where version NN
# is looked for; prints its root directory and version
ec_port_fetch()
{
	local v=$1 pkg=$2 idx rec file sha ver deb root
	while read -r archive suite comp; do
		idx=$(ec_port_index "$archive" "$suite" "$comp") || { ec_warn "no index for $suite/$comp"; continue; }
		# the paragraph of the package: Version, Filename and SHA256 fields
		rec=$(awk -v pkg="$pkg" 'BEGIN { RS = "" ; FS = "\n" }
			{
				p = ""; ver = ""; fn = ""; sha = ""
				for (i = 1; i <= NF; i++) {
					if ($i ~ /^Package: /) p = substr($i, 10)
					else if ($i ~ /^Version: /) ver = substr($i, 10)
					else if ($i ~ /^Filename: /) fn = substr($i, 11)
					else if ($i ~ /^SHA256: /) sha = substr($i, 9)
				}
				if (p == pkg) { print ver, fn, sha; exit }
			}' < <(xz -dc "$idx"))
		[ -n "$rec" ] || continue
		read -r ver file sha <<<"$rec"
		deb=$CACHE/deb/$(basename "$file")
		root=$CACHE/root/$(basename "$file" .deb)
		if [ ! -f "$root/.unpacked" ]; then
			if ! echo "$sha  $deb" | sha256sum -c --status 2>/dev/null; then
				# a file the index lists can still be missing on the mirror:
				# then the next source is tried
				if grep -qxF "$archive/$file" "$CACHE/missing" 2>/dev/null \
					&& [ "${EC_PORT_REFRESH:-0}" != 1 ]; then
					continue
				fi
				if ! curl -fsSL --retry 2 -m 600 -o "$deb.tmp" "$archive/$file"; then
					rm -f "$deb.tmp"
					ec_warn "download failed: $archive/$file"
					echo "$archive/$file" >>"$CACHE/missing"
					continue
				fi
				echo "$sha  $deb.tmp" | sha256sum -c --status || { rm -f "$deb.tmp"; ec_warn "checksum mismatch: $file"; continue; }
				mv "$deb.tmp" "$deb"
			fi
			ec_say "PostgreSQL $v: $pkg $ver ($suite)"
			rm -rf "$root"
			dpkg-deb -x "$deb" "$root" && touch "$root/.unpacked" || return 1
		fi
		echo "$root $ver"
		return 0
	done < <(ec_port_sources "$v")
	return 1
}

# ec_port_flags ROOT NN: the version's PGXS warning/code-generation flags
# (its Makefile.global comes with postgresql-client-NN)
ec_port_flags()
{
	local mk=$1/usr/lib/postgresql/$2/lib/pgxs/src/Makefile.global f line
	[ -f "$mk" ] || return 1
	line=$(sed -n 's/^CFLAGS = //p; s/^CPPFLAGS = //p' "$mk" | tr '\n' ' ')
	for f in $line; do
		case $f in
			-W*|-fno-strict-aliasing|-fwrapv|-fexcess-precision=*|-D_GNU_SOURCE|-std=*) ;;
			*) continue ;;
		esac
		# a flag this compiler does not know (the package was built by another)
		echo 'int x;' | "$CC" -Werror "$f" -x c -c -o /dev/null - 2>/dev/null && printf '%s\n' "$f"
	done
}

ec_workdir
cp -a "$EC_ROOT/src" "$EC_WORK/src" || ec_die "copy failed"
rm -f "$EC_WORK"/src/*.o "$EC_WORK"/src/core/*.o
perl "$EC_ROOT/tools/genlex.pl" "$EC_ROOT/lexicons" "$EC_WORK/src/core/lexicon_data.c" >"$EC_WORK/genlex.log" 2>&1 \
	|| { cat "$EC_WORK/genlex.log" >&2; ec_die "tools/genlex.pl failed"; }
read -r -a ICU <<<"$(pkg-config --cflags icu-uc icu-i18n 2>/dev/null)"
EXTVERSION=$(sed -n 's/^EXTVERSION *= *//p' "$EC_ROOT/Makefile")

declare -a RES=()
status=0
for v in "${VERSIONS[@]}"; do
	if ! ec_port_sources "$v" >/dev/null; then
		RES+=("$(printf 'PostgreSQL %-3s FAIL  (no source known for this version)' "$v")"); status=1; continue
	fi
	if ! got=$(ec_port_fetch "$v" "postgresql-server-dev-$v"); then
		RES+=("$(printf 'PostgreSQL %-3s FAIL  (postgresql-server-dev-%s not obtainable)' "$v" "$v")"); status=1; continue
	fi
	read -r root ver <<<"$got"
	if ! got=$(ec_port_fetch "$v" "postgresql-client-$v") \
		|| ! flags=$(ec_port_flags "${got%% *}" "$v"); then
		RES+=("$(printf 'PostgreSQL %-3s FAIL  (no PGXS flags: postgresql-client-%s not obtainable)' "$v" "$v")"); status=1; continue
	fi
	mapfile -t PGFLAGS <<<"$flags"
	inc=$root/usr/include/postgresql/$v/server
	[ -f "$inc/postgres.h" ] || { RES+=("PostgreSQL $v FAIL  (no postgres.h in the package)"); status=1; continue; }
	out=$EC_WORK/obj-$v
	log=$EC_WORK/log-$v
	mkdir -p "$out"
	: >"$log"
	n=0 bad=0
	for c in "$EC_WORK"/src/*.c "$EC_WORK"/src/core/*.c; do
		n=$((n + 1))
		if ! "$CC" -O2 -fPIC "${PGFLAGS[@]}" -Wall -Wextra -Wno-unused-parameter -Werror \
			-I"$EC_WORK/src" -I"$inc" "${ICU[@]}" -DEC_EXTENSION_VERSION="\"$EXTVERSION\"" \
			-c "$c" -o "$out/$(basename "$c" .c).o" >>"$log" 2>&1; then
			bad=$((bad + 1))
		fi
	done
	if [ $bad = 0 ]; then
		RES+=("$(printf 'PostgreSQL %-3s PASS  %d files, server-dev %s, %d PGXS flags' "$v" "$n" "$ver" "${#PGFLAGS[@]}")")
	else
		status=1
		RES+=("$(printf 'PostgreSQL %-3s FAIL  %d of %d files, server-dev %s' "$v" "$bad" "$n" "$ver")")
		sed "s|$EC_WORK/||g" "$log" >&2
	fi
done

echo
echo "========== emotion_crm portability ($($CC --version | head -1)) =========="
printf '  %s\n' "${RES[@]}"
exit $status
