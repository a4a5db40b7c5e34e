#pragma once
/// @file result.h
/// @brief Result: the value of an admin service, or a Problem saying clearly why not.

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace prepaid::billing {

/// @brief Kinds of refusal of the admin services. Stable; front ends map them to exit codes
/// and HTTP statuses (400, 404, 403, 409, 422, 412).
enum class ErrorCode {
  invalid_argument,     ///< malformed or out-of-range input (400)
  not_found,            ///< no such card, tariff, operator, … (404)
  forbidden,            ///< the actor's role may not do this (403)
  conflict,             ///< already exists / duplicate (409)
  currency_mismatch,    ///< an amount in another currency than the card's or tariff's (422)
  failed_precondition,  ///< not possible in the current state (a dropped card, …) (412)
};
std::string_view to_string(ErrorCode code);  ///< "invalid_argument", "not_found", …

/// @brief Why an admin operation was refused. Nothing was changed.
struct Problem {
  ErrorCode code = ErrorCode::invalid_argument;
  std::string message;               ///< one line, names the bad value (never a secret)
  std::vector<std::string> details;  ///< e.g. every bad line of an import
  /// The input a validation problem is about, as the CLI and the API name it ("count",
  /// "pin", "currency"); empty when it is not about one input. The API returns it as the
  /// error's "field".
  std::string field{};

  /// This problem, naming the input it is about: `return refuse(…).about("count");`
  Problem about(std::string input) && {
    field = std::move(input);
    return std::move(*this);
  }
};

/// @brief A value or a Problem.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Problem problem) : v_(std::move(problem)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Problem& problem() const { return std::get<Problem>(v_); }

 private:
  std::variant<T, Problem> v_;
};

/// A refused Result is rolled back by run_transaction() (store.h).
template <class T>
bool commits(const Result<T>& result) {
  return result.ok();
}

/// Shorthand for building problems: `return refuse(ErrorCode::not_found, "no card 123")`.
inline Problem refuse(ErrorCode code, std::string message, std::vector<std::string> details = {}) {
  return Problem{code, std::move(message), std::move(details)};
}

}  // namespace prepaid::billing
