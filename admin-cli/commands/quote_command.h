#pragma once
/// @file quote_command.h
/// @brief `prepaidctl quote`: prices a call, or computes the seconds a balance buys, from a
/// tariff file alone (no database) or from a tariff stored in the database (--tariff-name,
/// the same as GET /v1/tariffs/{tariff}/quote).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "admin-cli/cli/direct_command.h"

namespace prepaid::cli {

/// The options of `prepaidctl quote`.
struct QuoteOptions {
  std::string tariff_file;  ///< --tariff FILE
  std::string tariff_name;  ///< --tariff-name NAME (stored tariff; needs --as and a database)
  std::string number;
  std::string start;                     ///< "YYYY-MM-DD HH:MM[:SS]" or "now"
  std::string zone_of_start = "tariff";  ///< "tariff", "utc" or an IANA zone name
  std::optional<std::uint32_t> duration_s;
  std::optional<std::string> balance;  ///< decimal amount in the tariff's currency
  /// With balance; default billing::kModuleDefaultMaxCallDuration_s (rlm_prepaid's default).
  std::optional<std::uint32_t> cap_s;
  bool json = false;
};

/// Runs a quote against a tariff file; writes the result to `out` and errors to `err`.
/// Returns an ExitCode.
int run_file_quote(const QuoteOptions& options, std::ostream& out, std::ostream& err);

}  // namespace prepaid::cli
