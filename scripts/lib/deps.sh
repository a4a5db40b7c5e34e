# Installs the Debian packages the project needs, once. Source it and call install_deps.
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
# Only the tests need these (install_deps --tests): a real SIP proxy and SIPp.
PREPAID_TEST_PACKAGES=(
  kamailio kamailio-radius-modules sip-tester
)
# And these only scripts/stress (install_deps --stress): busy loops to load the machine.
PREPAID_STRESS_PACKAGES=(
  stress-ng
)

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

# install_deps [--tests|--stress]: the build and runtime packages, with --tests the tests' own,
# with --stress those and scripts/stress's.
install_deps() {
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
