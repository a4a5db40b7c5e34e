# Installs what the project needs, once: Debian packages, and for the tests Redocly CLI from
# the npm registry. Source it and call install_deps.
# shellcheck shell=bash

# Build tools and libraries.
PREPAID_BUILD_PACKAGES=(
  cmake g++ make pkg-config dpkg-dev python3 iproute2 procps curl ca-certificates tzdata
  libboost-dev               # Spirit X3 parsers
  libhowardhinnant-date-dev  # IANA time zones (date/tz.h with the OS tzdb): libstdc++ 12 lacks std::chrono zones
  libfmt-dev                 # formatting
  libcli11-dev               # command-line parsing for prepaidctl
  nlohmann-json3-dev         # JSON for the API and --json output
  libmysqlcppconn-dev        # MySQL Connector/C++ (only the MySQL store includes it)
  libcpp-httplib-dev         # HTTP API server
  libssl-dev                 # token hashing (SHA-256), CSPRNG, TLS for the API
  libsodium-dev              # Argon2id for the web console's passwords
  doctest-dev                # unit and integration tests
  libbenchmark-dev           # Google Benchmark
  libradcli-dev              # RADIUS test clients and the load generator
  libfreeradius-dev libtalloc-dev libpcre3-dev  # FreeRADIUS module headers (completed from the source package)
)
# Servers and tools the module and the tests run for real.
PREPAID_RUNTIME_PACKAGES=(
  freeradius freeradius-utils freeradius-mysql
  mariadb-server mariadb-client
)
# Only the tests need these (install_deps --tests): a real SIP proxy and SIPp, a headless browser.
PREPAID_TEST_PACKAGES=(
  kamailio kamailio-radius-modules sip-tester
  chromium chromium-driver python3-selenium  # the web console in a real browser (tests/web/)
)
# And these only scripts/stress (install_deps --stress): busy loops to load the machine.
PREPAID_STRESS_PACKAGES=(
  stress-ng
)

# Only the tests need this one, from the npm registry (install_deps --tests): Redocly CLI lints
# docs/openapi.json (tests/cli/openapi_lint.sh). Pinned; kept in the cache, outside the tree.
# The 1.x line because Redocly 2.x needs Node.js 20.19, and Debian 12's own nodejs (what a
# fresh CI machine gets from apt) is 18.x. 1.34.21, the last 1.x, cannot be installed: it
# depends on @redocly/respect-core 1.34.21, which the npm registry does not have.
# tests/cli/redocly.yaml turns on the rules 2.x recommends and 1.x leaves off.
PREPAID_REDOCLY_VERSION=1.34.20
PREPAID_REDOCLY_NODE=18.17  # the oldest Node.js this version runs on (its engines: >=18.17.0)

# Installs Redocly CLI $PREPAID_REDOCLY_VERSION into $PREPAID_CACHE_DIR/tools once (a second
# call only reads its package.json).
install_redocly() {
  local dir="$PREPAID_CACHE_DIR/tools/redocly-cli-$PREPAID_REDOCLY_VERSION"
  local manifest="$dir/node_modules/@redocly/cli/package.json"
  if [ -x "$dir/node_modules/.bin/redocly" ] &&
    grep -q "\"version\": \"$PREPAID_REDOCLY_VERSION\"" "$manifest" 2>/dev/null; then
    return 0
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    [ "$(id -u)" -eq 0 ] || die "Node.js and npm are missing (needed to lint docs/openapi.json)"
    apt_update_once
    say "installing: nodejs npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >&2 ||
      die "apt-get install nodejs npm failed"
  fi
  local have
  have="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
  if [ "$(printf '%s\n%s\n' "$PREPAID_REDOCLY_NODE" "$have" | sort -V | head -1)" != "$PREPAID_REDOCLY_NODE" ]; then
    die "Redocly CLI $PREPAID_REDOCLY_VERSION needs Node.js $PREPAID_REDOCLY_NODE or later (this is $have)"
  fi
  say "installing Redocly CLI $PREPAID_REDOCLY_VERSION (npm) into $dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
    "@redocly/cli@$PREPAID_REDOCLY_VERSION" >&2 || die "npm install @redocly/cli failed"
}

# Adds a deb-src entry for the configured Debian suites so that `apt-get source` works.
ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  say "adding a deb-src entry (needed to fetch the FreeRADIUS headers)"
  local f=/etc/apt/sources.list.d/prepaid-deb-src.sources
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$f"
  else
    grep -hE '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      >/etc/apt/sources.list.d/prepaid-deb-src.list
  fi
  PREPAID_APT_UPDATED=""
}

apt_update_once() {
  if [ -z "${PREPAID_APT_UPDATED:-}" ]; then
    say "apt-get update"
    apt-get update -qq >&2 || die "apt-get update failed"
    PREPAID_APT_UPDATED=1
  fi
}

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

# install_deps [--tests|--stress]: the build and runtime packages, with --tests the tests' own
# (Debian's, then Redocly CLI from the npm registry), with --stress those and scripts/stress's.
install_deps() {
  install_debian_packages "$@"
  case "${1:-}" in
    --tests | --stress) install_redocly ;;
  esac
  return 0
}

install_debian_packages() {
  local missing wanted=("${PREPAID_BUILD_PACKAGES[@]}" "${PREPAID_RUNTIME_PACKAGES[@]}")
  case "${1:-}" in
    --tests) wanted+=("${PREPAID_TEST_PACKAGES[@]}") ;;
    --stress) wanted+=("${PREPAID_TEST_PACKAGES[@]}" "${PREPAID_STRESS_PACKAGES[@]}") ;;
  esac
  ensure_deb_src
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    say "all Debian packages present"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}); run as root or install them"
  apt_update_once
  say "installing: ${missing[*]}"
  # Package scripts must not start system services (freeradius, mariadb): we run private ones.
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  local rc=$?
  [ -n "$created" ] && rm -f "$policy"
  [ $rc -eq 0 ] || die "apt-get install failed"
  # The tests run Kamailio themselves: its system service must not start at the next boot
  # (it would listen on port 5060 with Debian's sample configuration).
  local p
  for p in "${missing[@]}"; do
    if [ "$p" = kamailio ] && command -v systemctl >/dev/null; then
      systemctl disable kamailio >/dev/null 2>&1 || true
    fi
  done
}
