#pragma once
/// @file quote_command.h
/// @brief `prepaidctl quote`: prices a call, or computes the seconds a balance buys, from a
/// tariff file alone (no database).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace prepaid::cli {

/// The options of `prepaidctl quote`.
struct QuoteOptions {
  std::string tariff_file;
  std::string number;
  std::string start;                     ///< "YYYY-MM-DD HH:MM[:SS]" or "now"
  std::string zone_of_start = "tariff";  ///< "tariff", "utc" or an IANA zone name
  std::optional<std::uint32_t> duration_s;
  std::optional<std::string> balance;  ///< decimal amount in the tariff's currency
  std::uint32_t cap_s = 86400;
  bool json = false;
};

/// Runs a quote; writes the result to `out` and errors to `err`. Returns an ExitCode.
int run_quote(const QuoteOptions& options, std::ostream& out, std::ostream& err);

/// Adds the `quote` subcommand to prepaidctl.
void register_quote_command(CLI::App& app);

}  // namespace prepaid::cli
