#!/usr/bin/env bash
# RADIUS benchmark: rlm_prepaid against two references built from Debian's stock FreeRADIUS
# configuration, all in this run, on the same private MariaDB, with the same radiusd.conf
# (threads, limits), the same load generator and the same number of requests in flight.
#
#   floor   FreeRADIUS answering Access-Requests from the `files` module (no database);
#   recipe  what users would otherwise pick for prepaid: rlm_sql (stock MySQL schema and
#           queries) + rlm_sqlcounter `noresetcounter` (Max-All-Session) for authorization,
#           stock radacct accounting (Start + Stop);
#   prepaid rlm_prepaid: stage-2 authorization with reservation; accounting Stop (rating,
#           CDR, ledger) of the calls it authorized.
# and, for the recipe and rlm_prepaid, whole calls: each call an Access-Request, then its
# Accounting Start, then its Stop, each sent once the one before is answered (the load
# generator's --phase call), --calls calls with --in-flight requests at once: calls per second,
# the figure a user compares. Checked: every call answered; the recipe has one closed radacct
# row per call, rlm_prepaid one charged CDR per call and every card's balance down by exactly
# its CDRs' prices.
#
# usage: tests/bench/radius/run.sh [--calls N] [--in-flight N] [--seconds S] [--threads N]
#                                  [--cards N] [--history N] [--rounds N]
#                                  [--only floor|recipe|prepaid] [--chap | --digest]
#                                  [--postauth-log] [--booths]
# --rounds (default 3): the recipe and rlm_prepaid run side by side (each its own radiusd,
# both started before the first measurement) and are measured in turns, N rounds of
# authorization then accounting, the first of the two alternating from round to round; each
# round gives its own ratios, and the report's verdict is their median. A shared machine's
# speed drifts within a minute (the floor moved by a quarter between two quiet runs): measured
# one after the other, each configuration once, the two would often meet different machines.
# Between rounds the recipe's accounting rows of the round are deleted (its counter would
# otherwise sum them at the next round's authorizations: each round starts from the same
# database for it); rlm_prepaid's settled reservations stay (its authorization skips them).
# Before each measured phase the script waits for InnoDB's purge of the phases before (at
# most 30 s, printed as "(quiet)"), so that no phase pays for the one that ran before it.
# The floor is measured once, first.
# --cards sets how many accounts the calls go to, the same for every configuration (default
# 1000: with 20,000 calls each account holds 20 calls at once; with --booths, one account per
# call up to 100,000, as a callshop booth holds one).
# --history gives every account N past calls before the run (default 0: a new database), as
# a database in use has them: the recipe N closed radacct rows per user (which its
# Max-All-Session counter sums at every authorization), rlm_prepaid N settled reservations
# per card (which its authorization must skip: it sums only the open ones) and their N CDRs
# with their ledger entries (the CDRs themselves since schema 8, ledger rows before), which
# make every index a Stop writes to as large as a database in use has it.
# --threads sets radiusd's worker threads for every configuration (default 64, as the
# example raddb; rlm_sql's pool follows it, rlm_prepaid's `connections` is set to it).
# --chap sends the PIN as CHAP-Password instead of PAP's User-Password, to every configuration
# (chap instead of pap in each): rlm_prepaid checks the CHAP answer with its read and decides
# there, as with PAP; the recipe's chap module checks it in authenticate.
# --digest answers a SIP digest challenge instead (draft-sterman Digest-Response and
# Digest-Attributes, as Kamailio's auth_radius sends them), to every configuration (digest
# instead of pap in each: FreeRADIUS's digest module checks it in authenticate). rlm_prepaid
# checks the answer with its read and decides there, as with PAP and CHAP.
# --postauth-log adds `sql` to the recipe's post-auth section (and Post-Auth-Type REJECT), as
# Debian's default site has it (`-sql`): the stock query then inserts a radpostauth row for
# every Access-Request. Off by default: the recipe is measured without it (the faster recipe).
# Each configuration's line also gives the share of CPU time the host took away from this VM
# while it ran (steal_pct, from /proc/stat; the table's "steal %"), and the report warns when
# it passed 2 % (3-8 % went with a third fewer rlm_prepaid authorizations on one host): such a
# run's ratios say more about the host than about the code.
# --booths makes rlm_prepaid's accounts callshop booths (bench_seed --booths: ten booths a
# shop, each with a session open at the counter and its operator's shift, every shop with a
# cost tariff and an upstream account): the authorization then also reads the booth's
# session, its shop's upstream and its calls' holds, and the Stop debits the upstream. The
# recipe is the same (it knows no shops): the ratios are booth calls against it. Unless
# --cards says otherwise, --booths gives each call its own booth (--cards = --calls): a booth
# holds one call at a time, so a shop's open holds are its ten booths' at most.
# PREPAID_KEEP_BENCH_DIR=1 keeps the work directory (raddbs, radius.log); PREPAID_KEEP_BENCH_DB=1
# keeps the two databases (radius_bench_<pid>, prepaid_bench_<pid>), e.g. to time statements
# on them in the `mariadb` client (HACKING "Performance of the RADIUS path").
# Run through `scripts/bench radius`, which builds first. Loopback only; every run is bounded
# by --calls and --seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../../../scripts/lib/common.sh"

calls=20000
in_flight=64
seconds=20
threads=64
cards=""
history=0
rounds=3
only=""
auth=pap
recipe_post_auth=""
booths=""
while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls="$2"; shift 2 ;;
    --in-flight) in_flight="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --cards) cards="$2"; shift 2 ;;
    --history) history="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --chap) auth=chap; shift ;;
    --digest) auth=digest; shift ;;
    --booths) booths="--booths"; shift ;;
    --postauth-log) recipe_post_auth=$'\t\tsql\n\t\tPost-Auth-Type REJECT {\n\t\t\tsql\n\t\t}'; shift ;;
    *) die "unknown option $1 (use --calls, --in-flight, --seconds, --threads, --cards, --history, --rounds, --only, --chap, --digest, --postauth-log, --booths)" ;;
  esac
done
auth_flag=""; [ "$auth" != pap ] && auth_flag="--$auth"
[[ "$calls" =~ ^[1-9][0-9]*$ ]] && [ "${#calls}" -le 8 ] || die "--calls must be 1..99999999"
[ -n "$cards" ] || { [ -n "$booths" ] && cards=$((calls < 100000 ? calls : 100000)) || cards=1000; }
[[ "$threads" =~ ^[1-9][0-9]*$ ]] && [ "$threads" -le 1024 ] || die "--threads must be 1..1024"
[[ "$cards" =~ ^[1-9][0-9]*$ ]] && [ "$cards" -le 100000 ] || die "--cards must be 1..100000"
[[ "$history" =~ ^[0-9]+$ ]] && [ "$history" -le 10000 ] || die "--history must be 0..10000"
history=$((10#$history))
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] && [ "$rounds" -le 20 ] || die "--rounds must be 1..20"

load="$PREPAID_BUILD_DIR/tests/bench/radius/radius_load"
module_dir="$PREPAID_BUILD_DIR/radius-module"
[ -x "$load" ] || die "$load is missing: build first (scripts/bench radius does)"
[ -f "$module_dir/rlm_prepaid.so" ] || die "rlm_prepaid.so is missing in $module_dir"
command -v freeradius >/dev/null || PATH="$PATH:/usr/sbin"
command -v freeradius >/dev/null || die "freeradius is not installed"
[ -f /usr/lib/freeradius/rlm_sql_mysql.so ] || die "rlm_sql_mysql is missing: install freeradius-mysql"
stock=/etc/freeradius/3.0
[ -d "$stock" ] || die "Debian's stock FreeRADIUS configuration ($stock) is missing"

secret=bench-secret-$$
first_card=710000000000
pin=4711

# --- the private MariaDB ------------------------------------------------------------------
dbdir="${PREPAID_BENCH_DB_DIR:-$PREPAID_ROOT/.run/bench-mariadb}"
if [ -z "${PREPAID_DB_SOCKET:-}" ]; then
  say "starting a private MariaDB in $dbdir"
  while IFS= read -r line; do export "${line?}"; done < <("$PREPAID_ROOT/scripts/mariadb" start "$dbdir")
  stop_db=1
fi
sql() { mariadb --no-defaults -S "$PREPAID_DB_SOCKET" -u"$PREPAID_DB_USER" -p"$PREPAID_DB_PASSWORD" "$@"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/prepaid-bench-XXXXXX")"
chmod 700 "$work"
servers=()  # the pids of the radiusd started (floor, recipe, prepaid)
stop_servers() {
  local pid
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  servers=()
}
recipe_db="radius_bench_$$"
cleanup() {
  stop_servers
  if [ -z "${PREPAID_KEEP_BENCH_DB:-}" ]; then
    sql -e "DROP DATABASE IF EXISTS $recipe_db" 2>/dev/null || true
    sql -e "DROP DATABASE IF EXISTS ${prepaid_db:-none}" 2>/dev/null || true
  fi
  [ -n "${stop_db:-}" ] && "$PREPAID_ROOT/scripts/mariadb" stop "$dbdir" || true
  [ -n "${PREPAID_KEEP_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# --- raddb generation ---------------------------------------------------------------------
# One radiusd.conf for every configuration: same threads, limits and logging.
write_radiusd_conf() {
  local dir="$1"
  mkdir -p "$dir/policy.d"
  cat >"$dir/radiusd.conf" <<CONF
prefix = /usr
confdir = $dir
raddbdir = $dir
modconfdir = \${confdir}/mods-config
localstatedir = $dir/var
logdir = \${localstatedir}/log
run_dir = \${localstatedir}/run
libdir = $module_dir:/usr/lib/freeradius
max_request_time = 30
cleanup_delay = 2
max_requests = 1048576
hostname_lookups = no
log {
	destination = files
	file = \${logdir}/radius.log
	auth = no
}
security {
	max_attributes = 200
	reject_delay = 0
	status_server = yes
}
thread pool {
	start_servers = $threads
	max_servers = $threads
	min_spare_servers = 4
	max_spare_servers = $threads
	max_queue_size = 65536
	max_requests_per_server = 0
	auto_limit_acct = no
}
client localhost {
	ipaddr = 127.0.0.1
	secret = $secret
	require_message_authenticator = no
}
modules {
	\$INCLUDE mods-enabled/
}
policy {
	\$INCLUDE policy.d/
}
\$INCLUDE sites-enabled/
CONF
  mkdir -p "$dir/var/log" "$dir/var/run" "$dir/mods-enabled" "$dir/sites-enabled"
}

# A site on the given ports with the given authorize/authenticate/accounting/post-auth (and
# preacct) bodies.
write_site() {
  local dir="$1" auth_port="$2" acct_port="$3" authorize="$4" accounting="$5" post_auth="$6"
  local preacct="${7:-}"
  cat >"$dir/sites-enabled/bench" <<SITE
server bench {
	listen {
		type = auth
		ipaddr = 127.0.0.1
		port = $auth_port
	}
	listen {
		type = acct
		ipaddr = 127.0.0.1
		port = $acct_port
	}
	authorize {
$authorize
	}
	authenticate {
		Auth-Type ${auth^^} {
			$auth
		}
	}
	preacct {
$preacct
	}
	accounting {
$accounting
	}
	post-auth {
$post_auth
	}
}
SITE
}

# Stock mods-available/sql pointed at the private MariaDB over TCP (the stock file requires
# TLS to MySQL; the private server has none, so its tls block is dropped).
stock_sql_module() {
  python3 - "$stock/mods-available/sql" "$PREPAID_DB_PORT" "$PREPAID_DB_USER" \
    "$PREPAID_DB_PASSWORD" "$recipe_db" <<'PY'
import re, sys
path, port, user, password, db = sys.argv[1:]
text = open(path).read()
text = text.replace('dialect = "sqlite"', 'dialect = "mysql"', 1)
text = text.replace('driver = "rlm_sql_null"', 'driver = "rlm_sql_${dialect}"', 1)
mysql = text.index('\n\tmysql {')
tls = text.index('\t\ttls {', mysql)
end = text.index('\n\t\t}\n', tls) + len('\n\t\t}\n')
text = text[:tls] + text[end:]
text = re.sub(r'#\s*server = "localhost"', 'server = "127.0.0.1"', text, count=1)
text = re.sub(r'#\s*port = 3306', 'port = %s' % port, text, count=1)
text = re.sub(r'#\s*login = "radius"', 'login = "%s"' % user, text, count=1)
text = re.sub(r'#\s*password = "radpass"', 'password = "%s"' % password, text, count=1)
text = text.replace('radius_db = "radius"', 'radius_db = "%s"' % db, 1)
sys.stdout.write(text)
PY
}

# start_server <raddb> <auth port>: starts radiusd and waits until it answers Status-Server.
start_server() {
  local dir="$1" port="$2" pid i
  freeradius -f -d "$dir" >"$dir/var/log/stdout.log" 2>&1 &
  pid=$!
  servers+=("$pid")
  for i in $(seq 1 300); do
    if echo "Message-Authenticator = 0x00" | radclient -r 1 -t 1 "127.0.0.1:$port" status "$secret" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/var/log/radius.log" "$dir/var/log/stdout.log" >&2 || true
  die "freeradius ($dir) did not start"
}

declare -A figures
# The machine's CPU counters (/proc/stat's first line): "steal total" in clock ticks. Steal is
# the time the hypervisor gave this VM's CPUs to someone else while they had work to do.
cpu_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print $9, t; exit }' /proc/stat; }
# steal_pct "<before>" "<after>": the share of the CPU time in between that was stolen.
steal_pct() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]
    printf "%.0f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }'
}
# Waits until InnoDB's purge has caught up with the phases before (its history list empty;
# at most 30 s): the recipe deletes each round's radacct rows, and the purge threads remove
# them in the background. Without it a phase was measured during that purge: in odd rounds rlm_prepaid's Stops ran right after the recipe's Start+Stop phase and
# its DELETE, in even rounds the recipe's Start+Stop after rlm_prepaid's Stops, and with three
# rounds the median took an odd round's (docs/radius-benchmarks.md, "Stop 32"). (Dirty pages
# are not waited for: MariaDB writes them when its redo log fills, not when it is idle.)
quiet_db() {
  local i history waited=0
  for ((i = 0; i < 300; i++)); do
    history="$(sql -N -e "SELECT count FROM information_schema.innodb_metrics
      WHERE name = 'trx_rseg_history_len'")"
    [ "${history:-0}" -eq 0 ] && break
    sleep 0.1
    waited=$((i + 1))
  done
  printf '  %-28s waited %d.%d s for InnoDB purge (history list %s)\n' \
    "(quiet)" $((waited / 10)) $((waited % 10)) "$history" >&2
}

# measure <name> <port> <phase> <session prefix> <cards file> [calls]: stores "rate p50 p99 ..." line.
measure() {
  local name="$1" port="$2" phase="$3" prefix="$4" cards_file="$5" n="${6:-$calls}"
  local line before
  quiet_db
  before="$(cpu_ticks)"
  line="$("$load" --port "$port" --secret "$secret" --phase "$phase" --calls "$n" \
    --in-flight "$in_flight" --seconds "$seconds" --cards-file "$cards_file" \
    --session-prefix "$prefix" ${auth_flag})" || die "load generator failed for $name: $line"
  line+=" steal_pct=$(steal_pct "$before" "$(cpu_ticks)")"
  figures[$name]="$line"
  printf '  %-28s %s\n' "$name" "$line" >&2
}

field() { sed -n "s/.*\b$2=\([0-9.]*\).*/\1/p" <<<"${figures[$1]:-}"; }

# The stock references use sequential card numbers with one PIN.
stock_cards="$work/stock-cards.txt"
for ((i = 0; i < cards; i++)); do echo "$((first_card + i)) $pin"; done >"$stock_cards"

# Four distinct ports: the floor then the recipe on the first two, rlm_prepaid on the others.
ports=()
while [ ${#ports[@]} -lt 4 ]; do
  p=$(free_port udp)
  [[ " ${ports[*]} " == *" $p "* ]] || ports+=("$p")
done
recipe_auth_port=${ports[0]} recipe_acct_port=${ports[1]}
prepaid_auth_port=${ports[2]} prepaid_acct_port=${ports[3]}

wanted() { [ -z "$only" ] || [ "$only" = "$1" ]; }

# --- floor: files + pap --------------------------------------------------------------------
if wanted floor; then
say "floor: stock files + pap, no database"
floor="$work/floor"
mkdir -p "$floor/mods-config/files"
write_radiusd_conf "$floor"
cp "$stock/mods-available/files" "$stock/mods-available/$auth" "$floor/mods-enabled/"
: >"$floor/mods-config/files/accounting"
: >"$floor/mods-config/files/pre-proxy"
for ((i = 0; i < cards; i++)); do
  printf '%s Cleartext-Password := "%s"\n\tSession-Timeout = 3600\n\n' $((first_card + i)) "$pin"
done >"$floor/mods-config/files/authorize"
write_site "$floor" "$recipe_auth_port" "$recipe_acct_port" $'\t\tfiles\n\t\t'"$auth" '' ''
start_server "$floor" "$recipe_auth_port"
# The floor is fast: give it ten times the calls so that the run is not all warm-up.
measure floor_auth "$recipe_auth_port" auth "floor-$$" "$stock_cards" $((calls * 10))
stop_servers
fi

# --- recipe: rlm_sql + sqlcounter noresetcounter --------------------------------------------
if wanted recipe; then
say "recipe: stock rlm_sql (MySQL schema) + sqlcounter noresetcounter + radacct"
sql -e "CREATE DATABASE $recipe_db"
sql "$recipe_db" <"$stock/mods-config/sql/main/mysql/schema.sql"
{
  echo "INSERT INTO radcheck (username, attribute, op, value) VALUES"
  for ((i = 0; i < cards; i++)); do
    sep=","; [ $i -eq $((cards - 1)) ] && sep=";"
    printf "('%s','Cleartext-Password',':=','%s'),('%s','Max-All-Session',':=','360000000')%s\n" \
      $((first_card + i)) "$pin" $((first_card + i)) "$sep"
  done
} | sql "$recipe_db"
if [ "$history" -gt 0 ]; then
  # Closed sessions of a minute each, as the stock accounting queries write them.
  sql "$recipe_db" -e "INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress,
    acctstarttime, acctupdatetime, acctstoptime, acctsessiontime, acctterminatecause)
    SELECT CONCAT('past-', h.seq), MD5(CONCAT(u.seq, '-', h.seq)), $first_card + u.seq,
    '127.0.0.1', NOW() - INTERVAL h.seq HOUR, NOW() - INTERVAL h.seq HOUR + INTERVAL 60 SECOND,
    NOW() - INTERVAL h.seq HOUR + INTERVAL 60 SECOND, 60, 'User-Request'
    FROM seq_0_to_$((cards - 1)) u JOIN seq_1_to_$history h"
  [ "$(sql -N "$recipe_db" -e "SELECT COUNT(*) FROM radacct")" = $((cards * history)) ] ||
    die "the recipe's past calls were not all written"
fi
recipe="$work/recipe"
write_radiusd_conf "$recipe"
mkdir -p "$recipe/mods-config/sql"
cp -r "$stock/mods-config/sql/main" "$stock/mods-config/sql/counter" "$recipe/mods-config/sql/"
stock_sql_module >"$recipe/mods-enabled/sql"
# expr: the stock queries use %{tolower:...}
cp "$stock/mods-available/sqlcounter" "$stock/mods-available/$auth" "$stock/mods-available/expr" "$recipe/mods-enabled/"
# acct_unique (stock policy, in the stock preacct): Acct-Unique-Session-Id, which the stock
# accounting queries key radacct on (acctuniqueid, UNIQUE). Without it every session would
# share the key '' (one row, every Start an insert that fails then an update of that row).
cp "$stock/policy.d/accounting" "$recipe/policy.d/"
write_site "$recipe" "$recipe_auth_port" "$recipe_acct_port" \
  $'\t\tsql\n\t\tnoresetcounter\n\t\t'"$auth" $'\t\tsql' "$recipe_post_auth" \
  $'\t\tacct_unique'
start_server "$recipe" "$recipe_auth_port"
fi

# --- prepaid --------------------------------------------------------------------------------
if wanted prepaid; then
say "rlm_prepaid: stage-2 authorization with reservation, then the Stops of those calls"
prepaid_db="prepaid_bench_$$"
prepaid_cards="$work/prepaid-cards.txt"
PREPAID_DB_NAME="$prepaid_db" "$PREPAID_BUILD_DIR/tests/bench/radius/radius_bench_seed" \
  --database "$prepaid_db" --cards "$cards" --cards-file "$prepaid_cards" $booths \
  || die "could not prepare the billing database"
if [ "$history" -gt 0 ]; then
  # Settled calls of a minute each (the reservations of calls billed before).
  sql "$prepaid_db" -e "INSERT INTO reservation (card_id, nas, session_id, calling, called,
    digits, destination, granted_s, amount, currency, tariff, tariff_version, snapshot_sha256,
    state, created_at, started_at, expires_at, usage_s, last_interim_at, closed_at)
    SELECT c.id, '127.0.0.1', CONCAT('past-', c.id, '-', h.seq), '3597000000', '442071234567',
    '442071234567', 'United Kingdom', 60, 600000, 'EUR', 'bench', 1, SHA2('past', 256),
    'settled', UNIX_TIMESTAMP() - 3600 * h.seq, UNIX_TIMESTAMP() - 3600 * h.seq,
    UNIX_TIMESTAMP() - 3600 * h.seq + 60, 60, NULL, UNIX_TIMESTAMP() - 3600 * h.seq + 60
    FROM card c JOIN seq_1_to_$history h"
  [ "$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM reservation WHERE state = 'settled'")" = \
    $((cards * history)) ] || die "rlm_prepaid's past calls were not all written"
  # Their CDRs, charged 0.60 each, and the balances they left; then each call's ledger entry as
  # the module's schema keeps it: since schema 8 the CDR itself (its balance_after), before it
  # a call_charge ledger row.
  sql "$prepaid_db" -e "INSERT INTO cdr (card_id, card_number, nas, session_id, calling, called,
    digits, destination, prefix, price_list, rule, call_at, duration_s, billed_s, price,
    currency, rate, rate_unit_s, connect_fee, rating_detail, tariff, tariff_version,
    from_snapshot, disconnect_cause, recorded_at)
    SELECT c.id, c.number, '127.0.0.1', CONCAT('past-', c.id, '-', h.seq), '3597000000',
    '00442071234567', '442071234567', 'United Kingdom', '44', 'day', '',
    UNIX_TIMESTAMP() - 3600 * h.seq, 60, 60, 600000, 'EUR', 600000, 60, 0,
    'base day 44 60s@0.600000/60s; total 0.6 -> 0.600000', 'bench', 1, 1, '10',
    UNIX_TIMESTAMP() - 3600 * h.seq + 60
    FROM card c JOIN seq_1_to_$history h;
    UPDATE card SET balance = balance - 600000 * $history, version = version + 1"
  past_charges="SELECT d.id, d.card_id, d.recorded_at, d.price, d.called,
    100000000000 - SUM(d.price) OVER (PARTITION BY d.card_id ORDER BY d.call_at, d.id) AS after
    FROM cdr d WHERE d.session_id LIKE 'past-%'"
  if [ "$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM information_schema.columns WHERE
    table_schema = DATABASE() AND table_name = 'cdr' AND column_name = 'balance_after'")" = 1 ]; then
    sql "$prepaid_db" -e "UPDATE cdr d JOIN ($past_charges) w ON w.id = d.id
      SET d.balance_after = w.after"
  else
    sql "$prepaid_db" -e "INSERT INTO ledger (card_id, at, kind, amount, balance_after, currency,
      actor, reason, reference)
      SELECT w.card_id, w.recorded_at, 'call_charge', -w.price, w.after, 'EUR', 'radius',
      CONCAT('call to ', w.called), CONCAT('cdr:', w.id) FROM ($past_charges) w ORDER BY w.id"
  fi
  [ "$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM cdr WHERE session_id LIKE 'past-%'")" = \
    $((cards * history)) ] || die "rlm_prepaid's past CDRs were not all written"
fi
prepaid="$work/prepaid"
write_radiusd_conf "$prepaid"
cp "$stock/mods-available/$auth" "$prepaid/mods-enabled/"
# The shipped module configuration, over TCP like the recipe (not the Unix socket).
sed -e "s|^\t\tsocket = .*|\t\tsocket = \"\"|" \
  -e "s|^\t\tport = .*|\t\tport = $PREPAID_DB_PORT|" \
  -e "s|^\t\tlogin = .*|\t\tlogin = \"$PREPAID_DB_USER\"|" \
  -e "s|^\t\tpassword = .*|\t\tpassword = \"$PREPAID_DB_PASSWORD\"|" \
  -e "s|^\t\tname = .*|\t\tname = \"$prepaid_db\"|" \
  -e "s|^\t\tconnections = .*|\t\tconnections = $threads|" \
  "$PREPAID_ROOT/examples/freeradius/mods-enabled/prepaid" >"$prepaid/mods-enabled/prepaid"
write_site "$prepaid" "$prepaid_auth_port" "$prepaid_acct_port" \
  $'\t\tprepaid\n\t\t'"$auth" $'\t\tprepaid' \
  $'\t\tprepaid\n\t\tPost-Auth-Type REJECT {\n\t\t\tprepaid\n\t\t}'
start_server "$prepaid" "$prepaid_auth_port"
fi

# --- the rounds: the recipe and rlm_prepaid in turns ----------------------------------------
# measure_calls <name> <auth port> <acct port> <session prefix> <cards file>: whole calls.
measure_calls() {
  local name="$1" port="$2" acct_port="$3" prefix="$4" cards_file="$5" line before
  quiet_db
  before="$(cpu_ticks)"
  line="$("$load" --port "$port" --acct-port "$acct_port" --secret "$secret" --phase call \
    --calls "$calls" --in-flight "$in_flight" --seconds "$seconds" --cards-file "$cards_file" \
    --session-prefix "$prefix" ${auth_flag})" || die "load generator failed for $name: $line"
  line+=" steal_pct=$(steal_pct "$before" "$(cpu_ticks)")"
  figures[$name]="$line"
  printf '  %-28s %s\n' "$name" "$line" >&2
  [ "$(field "$name" calls)" = "$calls" ] ||
    die "$name: $(field "$name" calls) of $calls calls complete (raise --seconds?): $line"
}
recipe_calls() {
  measure_calls "recipe_call.$1" "$recipe_auth_port" "$recipe_acct_port" "recipe-call-$$-$1" \
    "$stock_cards"
  rows="$(sql -N "$recipe_db" -e "SELECT COUNT(DISTINCT acctuniqueid) FROM radacct
    WHERE acctsessionid LIKE 'recipe-call-$$-$1-%' AND acctstoptime IS NOT NULL")"
  [ "$rows" = "$calls" ] || die "the recipe's whole calls wrote $rows closed sessions, not $calls"
  sql "$recipe_db" -e "DELETE FROM radacct WHERE acctsessionid LIKE 'recipe-%'; DELETE FROM radpostauth"
}
prepaid_calls() {
  measure_calls "prepaid_call.$1" "$prepaid_auth_port" "$prepaid_acct_port" "prepaid-call-$$-$1" \
    "$prepaid_cards"
  rows="$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM cdr
    WHERE session_id LIKE 'prepaid-call-$$-$1-%' AND price > 0")"
  [ "$rows" = "$calls" ] || die "rlm_prepaid's whole calls wrote $rows charged CDRs, not $calls"
  # Charged once: every card's balance went down by exactly its CDRs' prices (opening balance
  # 100000.00, bench_seed), whatever the schema keeps beside them.
  wrong="$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM card c LEFT JOIN
    (SELECT card_id, SUM(price) AS total FROM cdr GROUP BY card_id) d ON d.card_id = c.id
    WHERE c.balance <> 100000000000 - COALESCE(d.total, 0)")"
  [ "$wrong" = 0 ] || die "rlm_prepaid: $wrong cards' balances do not match their CDRs"
  if [ -n "$booths" ]; then
    # Each booth call's cost debited once from its shop's upstream (1000000.00, bench_seed).
    rows="$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM cdr
      WHERE session_id LIKE 'prepaid-call-$$-$1-%' AND upstream_cost > 0")"
    [ "$rows" = "$calls" ] || die "rlm_prepaid: $rows of $calls booth calls have an upstream cost"
    wrong="$(sql -N "$prepaid_db" -e "SELECT COUNT(*) FROM shop_upstream u LEFT JOIN
      (SELECT upstream_shop_id, SUM(upstream_cost) AS total FROM cdr GROUP BY upstream_shop_id) d
      ON d.upstream_shop_id = u.shop_id WHERE u.balance <> 1000000000000 - COALESCE(d.total, 0)")"
    [ "$wrong" = 0 ] || die "rlm_prepaid: $wrong shops' upstream balances do not match their CDRs"
  fi
}
recipe_auth() {
  measure "recipe_auth.$1" "$recipe_auth_port" auth "recipe-$$-$1" "$stock_cards"
}
recipe_acct() {
  measure "recipe_acct_start_stop.$1" "$recipe_acct_port" start-stop "recipe-$$-$1" "$stock_cards"
  # One radacct row per call, each under its own acctuniqueid (acct_unique in preacct).
  rows="$(sql -N "$recipe_db" -e "SELECT COUNT(DISTINCT acctuniqueid) FROM radacct
    WHERE acctsessionid LIKE 'recipe-$$-$1-%' AND acctstoptime IS NOT NULL")"
  [ "$rows" = "$calls" ] || die "the recipe's accounting wrote $rows closed sessions, not $calls"
  if [ -n "$recipe_post_auth" ]; then
    logged="$(sql -N "$recipe_db" -e "SELECT COUNT(*) FROM radpostauth")"
    [ "$logged" = "$calls" ] || die "the recipe logged $logged authorizations to radpostauth, not $calls"
  fi
  # The next round's authorizations find the same radacct (and radpostauth) as this round's did.
  sql "$recipe_db" -e "DELETE FROM radacct WHERE acctsessionid LIKE 'recipe-%'; DELETE FROM radpostauth"
}
prepaid_auth() {
  measure "prepaid_auth.$1" "$prepaid_auth_port" auth "prepaid-$$-$1" "$prepaid_cards"
}
prepaid_stop() {
  measure "prepaid_acct_stop.$1" "$prepaid_acct_port" stop "prepaid-$$-$1" "$prepaid_cards"
}
if wanted recipe || wanted prepaid; then
  for ((k = 1; k <= rounds; k++)); do
    say "round $k of $rounds"
    if ((k % 2)); then
      wanted recipe && recipe_auth "$k"
      wanted prepaid && prepaid_auth "$k"
      wanted recipe && recipe_acct "$k"
      wanted prepaid && prepaid_stop "$k"
      wanted recipe && recipe_calls "$k"
      wanted prepaid && prepaid_calls "$k"
    else
      wanted prepaid && prepaid_auth "$k"
      wanted recipe && recipe_auth "$k"
      wanted prepaid && prepaid_stop "$k"
      wanted recipe && recipe_acct "$k"
      wanted prepaid && prepaid_calls "$k"
      wanted recipe && recipe_calls "$k"
    fi
  done
fi
stop_servers

# --- report ---------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
# The median of the numbers given ("n/a" when none is a number).
median() {
  printf '%s\n' "$@" | grep -E '^[0-9]+(\.[0-9]+)?$' | sort -g | awk '{ a[NR] = $1 }
    END { if (!NR) printf "n/a"; else if (NR % 2) printf "%.2f", a[(NR + 1) / 2];
          else printf "%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
echo
echo "RADIUS benchmark: $calls calls to $cards accounts ($history past calls each), $rounds rounds, $in_flight in flight, at most ${seconds}s per run, $threads radiusd threads, $(nproc) cores, ${auth^^} authentication${recipe_post_auth:+, the recipe logging to radpostauth}${booths:+, rlm_prepaid accounts as callshop booths}"
printf '%-28s %10s %9s %9s %8s\n' "configuration.round" "req/s" "p50 ms" "p99 ms" "steal %"
stolen=""
row() {
  [ -n "${figures[$1]:-}" ] || return 0
  printf '%-28s %10s %9s %9s %8s\n' "$1" "$(field "$1" rate)" "$(field "$1" p50_ms)" \
    "$(field "$1" p99_ms)" "$(field "$1" steal_pct)"
  if [ "$(field "$1" steal_pct)" -gt 2 ]; then stolen+=" $1"; fi
}
row floor_auth
for ((k = 1; k <= rounds; k++)); do
  for name in recipe_auth recipe_acct_start_stop prepaid_auth prepaid_acct_stop; do row "$name.$k"; done
done
# Whole calls: calls per second and the calls' latencies (authorization sent to Stop answered).
if [ -n "${figures[recipe_call.1]:-}${figures[prepaid_call.1]:-}" ]; then
  printf '%-28s %10s %9s %9s %8s\n' "whole calls.round" "calls/s" "p50 ms" "p99 ms" "steal %"
  for ((k = 1; k <= rounds; k++)); do
    for name in recipe_call prepaid_call; do
      [ -n "${figures[$name.$k]:-}" ] || continue
      printf '%-28s %10s %9s %9s %8s\n' "$name.$k" "$(field "$name.$k" call_rate)" \
        "$(field "$name.$k" call_p50_ms)" "$(field "$name.$k" call_p99_ms)" \
        "$(field "$name.$k" steal_pct)"
      if [ "$(field "$name.$k" steal_pct)" -gt 2 ]; then stolen+=" $name.$k"; fi
    done
  done
fi
if [ -n "$stolen" ]; then
  echo "warning: the host took more than 2 % of the CPU away during$stolen; those" \
    "figures are not comparable with a quiet run's (HACKING.md, 'Performance of the RADIUS path')"
fi
if [ -n "${figures[prepaid_auth.1]:-}" ]; then
  auth_ratios=() stop_ratios=() call_ratios=() p99s=() rates=()
  echo
  for ((k = 1; k <= rounds; k++)); do
    auth_ratios+=("$(ratio "$(field "prepaid_auth.$k" rate)" "$(field "recipe_auth.$k" rate)")")
    stop_ratios+=("$(ratio "$(field "prepaid_acct_stop.$k" rate)" "$(field "recipe_acct_start_stop.$k" rate)")")
    call_ratios+=("$(ratio "$(field "prepaid_call.$k" call_rate)" "$(field "recipe_call.$k" call_rate)")")
    p99s+=("$(field "prepaid_auth.$k" p99_ms)")
    rates+=("$(field "prepaid_auth.$k" rate)")
    echo "round $k: prepaid auth / recipe auth ${auth_ratios[-1]}, prepaid auth p99 ${p99s[-1]} ms, prepaid acct stop / recipe start+stop ${stop_ratios[-1]}, prepaid calls / recipe calls ${call_ratios[-1]}"
  done
  echo
  echo "Medians of the $rounds rounds:"
  echo "prepaid auth / recipe auth:            $(median "${auth_ratios[@]}") (target >= 2)"
  echo "prepaid auth p99 ms:                   $(median "${p99s[@]}") (target < 20)"
  echo "prepaid auth / floor:                  $(ratio "$(median "${rates[@]}")" "$(field floor_auth rate)")"
  echo "prepaid acct stop / recipe start+stop: $(median "${stop_ratios[@]}") (target >= 1.5)"
  echo "prepaid calls / recipe calls:          $(median "${call_ratios[@]}") (whole calls: authorization, Start, Stop)"
fi
