# shellcheck shell=bash
# deps.sh -- the system packages emotion_crm needs on Debian 12, in one place.
# Sourced by scripts/demo.sh and scripts/test.sh (through scripts/lib.sh).
#
# build, install and demo (both commands):
#   build-essential           C compiler and make
#   postgresql-15             the server (initdb, pg_ctl, postgres) and psql
#   postgresql-server-dev-15  PGXS, server headers, pg_regress, the TAP modules
#   libicu-dev, pkg-config    ICU word-break and case folding
#   perl                      the lexicon generator (tools/genlex.pl)
# tests only (scripts/test.sh):
#   libipc-run-perl           PostgreSQL::Test::Cluster (TAP tests)
#   clang, libclang-rt-14-dev the sanitizer build of the core tests and the
#                             libFuzzer target (the runtimes are only a
#                             "Recommends" of clang on Debian 12)

EC_DEB_PACKAGES=(
	build-essential
	postgresql-15
	postgresql-server-dev-15
	libicu-dev
	pkg-config
	perl
)

EC_DEB_TEST_PACKAGES=(
	libipc-run-perl
	clang
	libclang-rt-14-dev
)

# ec_missing_packages PKG...: print the packages not installed
ec_missing_packages()
{
	local p st
	for p in "$@"; do
		st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$st" = installed ] || printf '%s\n' "$p"
	done
}

# ec_install_deps [test]: apt-get update + install of whatever is missing
# (with "test", the test packages too); does nothing when everything is
# present (or when EC_SKIP_DEPS=1)
ec_install_deps()
{
	local pkgs=("${EC_DEB_PACKAGES[@]}")
	[ "${1:-}" = test ] && pkgs+=("${EC_DEB_TEST_PACKAGES[@]}")
	if [ "${EC_SKIP_DEPS:-0}" = 1 ]; then
		ec_say "EC_SKIP_DEPS=1: not checking system packages"
		return 0
	fi
	if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
		ec_say "not a Debian system: install these yourself if missing: ${pkgs[*]}"
		return 0
	fi
	local missing
	missing=$(ec_missing_packages "${pkgs[@]}" | tr '\n' ' ')
	if [ -z "${missing// /}" ]; then
		ec_say "system packages: all present (${#pkgs[@]})"
		return 0
	fi
	ec_say "installing system packages: $missing"
	# shellcheck disable=SC2086
	ec_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q \
		&& ec_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -q -y \
			--no-install-recommends $missing \
		|| ec_die "apt-get failed (packages: $missing)"
}
