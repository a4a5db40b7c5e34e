#pragma once
/// @file error_kind.h
/// @brief ErrorKind: MySQL/MariaDB errors sorted into the few kinds the core acts on.

#include <string>
#include <string_view>

namespace prepaid::mysql {

/// @brief What to do about a database error.
enum class ErrorKind {
  retry,        ///< deadlock or lock-wait timeout: the transaction was rolled back; run it again
  duplicate,    ///< a unique key was violated
  unavailable,  ///< cannot connect, or the connection was lost: reconnect later
  fatal,        ///< anything else (syntax, privileges, schema): a bug or a setup problem
};
std::string_view to_string(ErrorKind kind);

/// Sorts a server or client error number (ER_*, CR_*) into a kind. `message` helps with the
/// driver's own errors, which carry no number.
ErrorKind classify(int error_number, std::string_view message = {});

/// Throws the billing exception of a kind: StoreConflict, StoreDuplicate, StoreUnavailable or
/// StoreError, with `message`.
[[noreturn]] void throw_store_error(ErrorKind kind, const std::string& message);

}  // namespace prepaid::mysql
