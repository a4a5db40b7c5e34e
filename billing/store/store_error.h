#pragma once
/// @file store_error.h
/// @brief The exceptions a Store throws. Every backend sorts its own errors into these at its
/// edge, so the services (and the RADIUS module) never see driver types.

#include <stdexcept>
#include <string>

namespace prepaid::billing {

/// @brief A storage failure that retrying will not fix (a bug, a schema problem, bad
/// privileges). Base class of the others.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief The database is unreachable, or the connection was lost during a transaction (which
/// the server then rolled back). The RADIUS module fails the request so that the NAS
/// retransmits; nothing was committed unless the loss happened during the commit itself, and
/// the call path is idempotent so a retransmission is safe either way.
class StoreUnavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

/// @brief A deadlock or a lock-wait timeout: the transaction was rolled back and may be
/// retried as a whole (run_transaction() does, a bounded number of times).
class StoreConflict : public StoreError {
 public:
  using StoreError::StoreError;
};

/// @brief A unique key was violated (a card number, an operator name, …). Nothing was written
/// by the failing statement; the transaction is still usable.
class StoreDuplicate : public StoreError {
 public:
  using StoreError::StoreError;
};

/// @brief The database schema is not the version this code expects (older: run
/// `prepaidctl db upgrade`; newer: upgrade the software). Thrown when a store opens.
class SchemaMismatch : public StoreError {
 public:
  using StoreError::StoreError;
};

}  // namespace prepaid::billing
