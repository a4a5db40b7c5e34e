#include "radius-module/module_core.h"

#include <algorithm>
#include <cstring>
#include <ctime>

#include "billing/store/mysql/mysql_store.h"
#include "billing/store/store_error.h"
#include "radius-module/access_reply.h"
#include "radius-module/accounting_request.h"
#include "radius-module/attribute_numbers.h"
#include "radius-module/call_request.h"
#include "radius-module/decision_reply.h"

namespace prepaid::radius {

namespace {

constexpr auto kRetryInterval = std::chrono::seconds(1);
// Rows one sweep marks at most (one statement; the next interval takes the rest).
constexpr std::uint32_t kSweepLimit = 1000;

mysql::ConnectionOptions connection_options(const DatabaseOptions& db) {
  mysql::ConnectionOptions o;
  o.url = db.socket.empty() ? "tcp://" + db.host + ":" + std::to_string(db.port)
                            : "unix://" + db.socket;
  o.user = db.user;
  o.password = db.password;
  o.database = db.name;
  o.max_connections = db.connections;
  return o;
}

// Runs `work`, turning the store's "unreachable" into ServiceUnavailable.
template <class Work>
decltype(auto) unavailable_as_service(Work&& work) {
  try {
    return work();
  } catch (const billing::StoreUnavailable& e) {
    throw ServiceUnavailable(e.what());
  }
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

std::string user_of(const RequestView& request) {
  const auto user = request.account();
  return user ? printable(*user) : std::string("<no User-Name>");
}

// What to tell the operator when an account name with a realm is refused: Kamailio appends
// "@realm" by default, and only a policy before this module (split_realm in the example site)
// removes it.
std::string realm_hint(std::string_view user) {
  return user.find('@') == std::string_view::npos
             ? std::string()
             : "; the name has a realm: strip it before prepaid (split_realm, README: Kamailio)";
}

// The account exists and may try to authenticate: its PIN goes to pap / chap / digest
// (control:Cleartext-Password). Throws std::length_error when it does not fit.
void hand_pin(prepaid_lookup& out, std::string_view pin, std::string_view user) {
  if (pin.size() >= sizeof out.password) {
    throw std::length_error("the PIN of account " + printable(user) + " is too long");
  }
  std::memcpy(out.password, pin.data(), pin.size());
  out.password[pin.size()] = '\0';
  out.found = 1;
}

// What the log says of a wrong PIN that locked a card (CallService::note_wrong_pin).
std::string lock_note(const std::optional<rating::Instant>& locked_until) {
  if (!locked_until) return {};
  const std::time_t t = locked_until->time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char until[32];
  std::strftime(until, sizeof until, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string("; too many wrong PINs: the account is locked until ") + until +
         " (prepaidctl cards unlock ends it)";
}

void set_log(prepaid_accounting& out, prepaid_log_level level, const std::string& message) {
  out.log_level = level;
  const std::size_t n = std::min(message.size(), sizeof out.log - 1);
  std::memcpy(out.log, message.data(), n);
  out.log[n] = '\0';
}

}  // namespace

ModuleCore::ModuleCore(ModuleConfig config, std::string& warning)
    : config_(std::move(config)),
      sweep_(config_.expire_interval_s, std::chrono::steady_clock::now()),
      guard_(config_.source_pin_failures, std::chrono::seconds(config_.source_pin_window_s)) {
  try {
    owned_ = connect();
    ready_.store(owned_.get(), std::memory_order_release);
  } catch (const billing::StoreUnavailable& e) {
    warning = std::string("database unavailable at start-up, will retry: ") + e.what();
    next_attempt_ = std::chrono::steady_clock::now() + kRetryInterval;
  }
}

ModuleCore::~ModuleCore() = default;

std::shared_ptr<billing::CallService> ModuleCore::connect() {
  auto store = std::make_shared<mysql::MySqlStore>(connection_options(config_.database));
  billing::CallPolicy policy;
  policy.max_call_duration_s = config_.max_call_duration_s;
  policy.grace_s = config_.reservation_grace_s;
  policy.overrun_tolerance_s = config_.overrun_tolerance_s;
  policy.pin_attempts = config_.pin_attempts;
  policy.pin_lock_s = config_.pin_lock_time_s;
  return std::make_shared<billing::CallService>(std::move(store), policy);
}

billing::CallService& ModuleCore::service() {
  if (auto* s = ready_.load(std::memory_order_acquire)) return *s;
  std::lock_guard lock(connect_mutex_);
  if (auto* s = ready_.load(std::memory_order_acquire)) return *s;
  const auto now = std::chrono::steady_clock::now();
  if (now < next_attempt_) throw ServiceUnavailable(last_failure_);
  try {
    owned_ = connect();
  } catch (const billing::StoreError& e) {
    // Unreachable, or a schema that does not match: either way, not now.
    last_failure_ = e.what();
    next_attempt_ = now + kRetryInterval;
    throw ServiceUnavailable(last_failure_);
  }
  ready_.store(owned_.get(), std::memory_order_release);
  return *owned_;
}

void ModuleCore::lookup(const RequestView& request, const PinProof& proof, prepaid_lookup& out,
                        std::optional<AuthorizeCarry>& carry) {
  const std::string source = request.nas();
  if (guard_.blocked(source, std::chrono::steady_clock::now())) {
    throw RequestIgnored("source " + printable(source) +
                         " is not answered: too many wrong PINs (source_pin_failures)");
  }
  const auto user = request.account();
  if (!user || user->empty()) {
    AccessReply(out.reply).refuse(return_code::kInvalidArgument, {}, PREPAID_LOG_WARN,
                                  "Access-Request without User-Name");
    return;
  }
  // The call's session key, when the request has a usable one: the read then also says
  // whether this call already has a reservation (a repeated request).
  billing::SessionKey key;
  auto built = call_request_from(request, config_);
  auto* call = std::get_if<billing::CallRequest>(&built);
  if (call) key = call->key;

  // PAP, CHAP or digest, stage 2: the request proves the PIN, so the read, the check, the
  // decision and the reservation are one transaction (no second visit to the database in
  // post-auth).
  const bool pap = proof.password && proof.password->size() < sizeof out.password;
  if (call && !call->called.empty() && (pap || proof.chap || proof.digest)) {
    billing::CallRequest with_pin = *call;
    if (pap) {
      with_pin.pin = std::string(*proof.password);
    } else if (proof.chap) {
      with_pin.chap = proof.chap;
    } else {
      with_pin.digest = proof.digest;
    }
    std::string pin;
    const std::optional<billing::CallDecision> decided =
        unavailable_as_service([&] { return service().authorize_with_pin(with_pin, &pin); });
    if (decided && decided->code == billing::ReturnCode::invalid_pin) {
      refuse_wrong_pin(source, printable(*user), decided->locked_until, out.reply);
      return;
    }
    if (decided && (decided->code == billing::ReturnCode::invalid_account ||
                    decided->code == billing::ReturnCode::retries_exceeded)) {
      // Unknown, or locked: refused before any password check, the same for every PIN.
      AccessReply(out.reply).refuse(static_cast<int>(decided->code), {}, PREPAID_LOG_INFO,
                                    "account " + printable(*user) + ": " +
                                        std::string(billing::to_string(decided->code)) + " (" +
                                        decided->message + ")" + realm_hint(*user));
      return;
    }
    if (decided) {
      // The PIN matched: it goes to pap / chap / digest, which check the request again.
      hand_pin(out, pin, *user);
      carry.emplace();
      carry->decision = *decided;
      carry->account = call->account;
      carry->called = call->called;
      carry->key = call->key;
      AccessReply(out.reply).log(PREPAID_LOG_NONE,
                                 "account " + printable(*user) + " found, decided with the read");
      return;
    }
  }

  billing::AccountLookup found =
      unavailable_as_service([&] { return service().lookup_account(*user, key); });
  if (!found.status || found.code == billing::ReturnCode::retries_exceeded) {
    // No such card, or locked after wrong PINs: refused before any password check (Cisco:
    // "invalid account number", "number of retries exceeded"), the same for every PIN.
    AccessReply(out.reply).refuse(static_cast<int>(found.code), {}, PREPAID_LOG_INFO,
                                  "account " + printable(*user) + ": " +
                                      std::string(billing::to_string(found.code)) + " (" +
                                      found.message + ")" + realm_hint(*user));
    return;
  }
  // The card exists: its PIN goes to pap/chap/digest. Its status is decided after the
  // password check, so that a wrong PIN never learns more than "wrong PIN".
  hand_pin(out, found.pin, *user);
  if (found.read) {
    carry.emplace();
    carry->read = std::move(found.read);
  }
  AccessReply(out.reply).log(PREPAID_LOG_NONE, "account " + printable(*user) + " found");
}

void ModuleCore::authorize(const RequestView& request, const AuthorizeCarry* carry,
                           prepaid_reply& out) {
  auto built = call_request_from(request, config_);
  if (auto* bad = std::get_if<MalformedRequest>(&built)) {
    AccessReply(out).refuse(return_code::kInvalidArgument, {}, PREPAID_LOG_WARN,
                            "account " + user_of(request) + ": refused, " + bad->what);
    return;
  }
  const auto& call = std::get<billing::CallRequest>(built);
  if (carry && carry->decision && carry->account == call.account && carry->called == call.called &&
      carry->key == call.key) {
    reply_for(*carry->decision, false, call.account, config_, out);
    return;
  }
  const billing::CardRead* read = carry && carry->read ? &*carry->read : nullptr;
  const billing::CallDecision decision =
      unavailable_as_service([&] { return service().authorize_call(call, read); });
  reply_for(decision, call.called.empty(), call.account, config_, out);
}

void ModuleCore::refuse_authentication(const RequestView& request, const AuthorizeCarry* carry,
                                       prepaid_reply& out) {
  std::string released;
  if (carry && carry->decision && carry->decision->reservation &&
      unavailable_as_service([&] { return service().release_unused(carry->key); }))
    released = ", its reservation released";
  // FreeRADIUS's pap, chap or digest refused the password: a wrong PIN, counted.
  const auto user = request.account();
  const std::optional<rating::Instant> locked =
      user ? unavailable_as_service([&] { return service().note_wrong_pin(*user); }) : std::nullopt;
  refuse_wrong_pin(request.nas(), user_of(request) + released, locked, out);
}

void ModuleCore::refuse_wrong_pin(const std::string& source, std::string_view who,
                                  const std::optional<rating::Instant>& locked_until,
                                  prepaid_reply& out) {
  std::string log =
      "account " + std::string(who) + ": authentication failed" + lock_note(locked_until);
  prepaid_log_level level = locked_until ? PREPAID_LOG_WARN : PREPAID_LOG_INFO;
  if (guard_.wrong_pin(source, std::chrono::steady_clock::now())) {
    log += "; source " + printable(source) + " reached source_pin_failures (" +
           std::to_string(config_.source_pin_failures) + " wrong PINs): not answered for " +
           std::to_string(config_.source_pin_window_s) + " s";
    level = PREPAID_LOG_WARN;
  }
  AccessReply(out).refuse(return_code::kInvalidPin, {}, level, log);
}

void ModuleCore::account(const RequestView& request, prepaid_accounting& out) {
  auto built = accounting_event_from(request, config_);
  if (auto* skip = std::get_if<NotBilled>(&built)) {
    out.outcome = PREPAID_ACCT_IGNORED;
    set_log(out, skip->level, "accounting not billed: " + skip->why);
    return;
  }
  const auto& t = std::get<AccountingTranslation>(built);
  const billing::AccountingResult result =
      unavailable_as_service([&] { return service().record_accounting(t.event); });

  std::string log = std::string(billing::to_string(t.event.kind)) + " " + t.event.key.nas + "/" +
                    t.event.key.session_id + ": " + std::string(billing::to_string(result.outcome));
  if (result.cdr) log += ", CDR " + std::to_string(*result.cdr);
  if (!result.charged.is_zero()) {
    log += ", charged " + result.charged.to_string() + " " + result.currency + " for " +
           std::to_string(result.billed_s) + " s";
  }
  if (result.sessions_closed) log += ", " + std::to_string(result.sessions_closed) + " closed";
  if (!result.message.empty()) log += " (" + result.message + ")";
  for (const auto& w : t.warnings) log += "; " + w;

  prepaid_log_level level = t.warnings.empty() ? PREPAID_LOG_NONE : PREPAID_LOG_WARN;
  if (!result.review.empty()) {
    // A Stop the operator should look at (docs/radius.md): `prepaidctl calls list --review`.
    log = "REVIEW " + result.review +
          (result.unbilled.is_zero()
               ? std::string()
               : " (" + result.unbilled.to_string() + " " + result.currency + " unbilled)") +
          ": " + log;
    level = PREPAID_LOG_WARN;
  }
  out.outcome = PREPAID_ACCT_RECORDED;
  if (result.outcome == billing::AccountingOutcome::refused) {
    // Processed and unusable: acknowledged (a retransmission would not fix it), logged.
    out.outcome = PREPAID_ACCT_IGNORED;
    level = PREPAID_LOG_WARN;
  }
  if (sweep_.claim(std::chrono::steady_clock::now())) sweep_expired(level, log);
  set_log(out, level, log);
}

void ModuleCore::sweep_expired(prepaid_log_level& level, std::string& log) {
  // The request's own effect is committed: a failure here only delays the tidying.
  try {
    const std::uint32_t expired = service().expire_reservations(kSweepLimit);
    if (expired == 0) return;
    log += "; " + std::to_string(expired) + " expired reservation(s) marked";
    if (level == PREPAID_LOG_NONE) level = PREPAID_LOG_INFO;
  } catch (const std::exception& e) {
    log += std::string("; marking expired reservations failed (next try in expire_interval): ") +
           e.what();
    level = PREPAID_LOG_WARN;
  }
}

}  // namespace prepaid::radius
