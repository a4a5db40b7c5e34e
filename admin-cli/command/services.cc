#include "admin-cli/command/services.h"

#include <cstdlib>
#include <stdexcept>
#include <utility>

#include "billing/store/mysql/mysql_store.h"
#include "billing/store/store_error.h"
#include "billing/tariffs/tariff_cache.h"

namespace prepaid::cli {

namespace {

// A whole number from the environment within [min, max], else `fallback`.
unsigned env_number(const char* name, unsigned min, unsigned max, unsigned fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const unsigned long v = std::strtoul(text, &end, 10);
  if (*end != '\0' || v < min || v > max) return fallback;
  return static_cast<unsigned>(v);
}

dynauth::RetryPolicy policy_from_env() {
  dynauth::RetryPolicy p;
  p.timeout = std::chrono::milliseconds(
      env_number("PREPAID_DAE_TIMEOUT_MS", 100, 30000, static_cast<unsigned>(p.timeout.count())));
  p.tries = env_number("PREPAID_DAE_TRIES", 1, 10, p.tries);
  return p;
}

}  // namespace

struct Services::Opened {
  std::shared_ptr<billing::Store> store;
  std::shared_ptr<billing::TariffCache> cache;
  billing::CardService cards;
  billing::TariffService tariffs;
  billing::CallHistory calls;
  billing::OperatorService operators;
  billing::AuditLog audit;
  billing::NasService nas;
  billing::DisconnectService disconnects;
  billing::ShopService shops;
  billing::ShiftService shifts;
  billing::BoothSessionService sessions;
  billing::PaymentService payments;
  billing::ShopUpstreamService upstream;

  Opened(std::shared_ptr<billing::Store> s, const std::shared_ptr<const billing::Clock>& clock)
      : store(std::move(s)),
        cache(std::make_shared<billing::TariffCache>(store)),
        cards(store, clock),
        tariffs(store, cache, clock),
        calls(store, clock),
        operators(store, clock),
        audit(store),
        nas(store, clock),
        disconnects(store, std::make_shared<billing::UdpDisconnectSender>(), policy_from_env(),
                    clock),
        shops(store, clock),
        shifts(store, clock),
        sessions(store, clock),
        payments(store, clock),
        upstream(store, clock) {}
};

namespace {
std::shared_ptr<const billing::Clock> or_system(std::shared_ptr<const billing::Clock> clock) {
  return clock ? std::move(clock) : std::make_shared<billing::SystemClock>();
}
}  // namespace

Services::Services(mysql::ConnectionOptions connection, std::shared_ptr<const billing::Clock> clock)
    : connection_(std::move(connection)), clock_(or_system(std::move(clock))) {}

Services::Services(std::shared_ptr<billing::Store> store,
                   std::shared_ptr<const billing::Clock> clock)
    : given_store_(std::move(store)), clock_(or_system(std::move(clock))) {}

Services::~Services() = default;

void Services::open() {
  opened();
}

Services::Opened& Services::opened() {
  std::lock_guard lock(mutex_);
  if (!opened_) {
    if (!given_store_ && connection_->url.empty()) {
      throw billing::StoreUnavailable(
          "no database configured: set PREPAID_DB_SOCKET (or PREPAID_DB_HOST and "
          "PREPAID_DB_PORT), or db-socket in the --config file");
    }
    auto store =
        given_store_
            ? given_store_
            : std::shared_ptr<billing::Store>(std::make_shared<mysql::MySqlStore>(*connection_));
    opened_ = std::make_unique<Opened>(std::move(store), clock_);
  }
  return *opened_;
}

billing::CardService& Services::cards() {
  return opened().cards;
}
billing::TariffService& Services::tariffs() {
  return opened().tariffs;
}
billing::CallHistory& Services::calls() {
  return opened().calls;
}
billing::ShopService& Services::shops() {
  return opened().shops;
}

billing::BoothSessionService& Services::sessions() {
  return opened().sessions;
}

billing::PaymentService& Services::payments() {
  return opened().payments;
}

billing::ShopUpstreamService& Services::upstream() {
  return opened().upstream;
}

billing::ShiftService& Services::shifts() {
  return opened().shifts;
}

billing::OperatorService& Services::operators() {
  return opened().operators;
}
billing::AuditLog& Services::audit() {
  return opened().audit;
}
billing::NasService& Services::nas() {
  return opened().nas;
}
billing::DisconnectService& Services::disconnects() {
  return opened().disconnects;
}

mysql::Schema Services::schema() const {
  if (!connection_) throw std::logic_error("no MySQL database behind these services");
  return mysql::Schema(*connection_);
}

}  // namespace prepaid::cli
