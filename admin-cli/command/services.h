#pragma once
/// @file services.h
/// @brief Services: the billing services a front end calls, on one store. The only place
/// where admin-cli builds them; commands receive it and call exactly what they need.

#include <memory>
#include <mutex>
#include <optional>

#include "billing/calls/call_history.h"
#include "billing/cards/card_service.h"
#include "billing/clock.h"
#include "billing/disconnect/disconnect_service.h"
#include "billing/disconnect/nas_service.h"
#include "billing/operators/audit_log.h"
#include "billing/operators/operator_service.h"
#include "billing/shops/booth_session_service.h"
#include "billing/shops/payment_service.h"
#include "billing/shops/shift_service.h"
#include "billing/shops/shop_service.h"
#include "billing/shops/shop_upstream_service.h"
#include "billing/store/mysql/connection_options.h"
#include "billing/store/mysql/schema.h"
#include "billing/store/store.h"
#include "billing/tariffs/tariff_service.h"

namespace prepaid::cli {

/// @brief The billing services on one store, opened on first use (so `--help` and the `db`
/// commands never need a working schema). Thread-safe: `serve` shares one between its threads.
class Services {
 public:
  /// On the MySQL store of `connection` (opened by open() or the first accessor).
  explicit Services(mysql::ConnectionOptions connection,
                    std::shared_ptr<const billing::Clock> clock = nullptr);
  /// On an existing store (tests; the `db` commands are then unavailable).
  explicit Services(std::shared_ptr<billing::Store> store,
                    std::shared_ptr<const billing::Clock> clock = nullptr);
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  /// Opens the store now. Throws StoreUnavailable (no database) or SchemaMismatch.
  void open();

  billing::CardService& cards();
  billing::TariffService& tariffs();
  billing::CallHistory& calls();
  billing::OperatorService& operators();
  billing::AuditLog& audit();
  billing::NasService& nas();
  /// Sends over UDP; each answer awaited PREPAID_DAE_TIMEOUT_MS (100..30000, default 2000) ms,
  /// at most PREPAID_DAE_TRIES (1..10, default 3) datagrams, unless a command says otherwise.
  billing::DisconnectService& disconnects();
  billing::ShopService& shops();
  billing::ShiftService& shifts();
  billing::BoothSessionService& sessions();
  billing::PaymentService& payments();
  billing::ShopUpstreamService& upstream();

  /// The schema runner of the MySQL database (db init / upgrade / version). Throws
  /// std::logic_error for a Services built on another store.
  mysql::Schema schema() const;
  /// The connection settings (no password in describe()); nullopt on another store.
  const std::optional<mysql::ConnectionOptions>& connection() const { return connection_; }
  /// Now, from the services' clock.
  rating::Instant now() const { return clock_->now(); }

 private:
  struct Opened;
  Opened& opened();

  std::optional<mysql::ConnectionOptions> connection_;
  std::shared_ptr<billing::Store> given_store_;
  std::shared_ptr<const billing::Clock> clock_;
  std::mutex mutex_;
  std::unique_ptr<Opened> opened_;
};

}  // namespace prepaid::cli
