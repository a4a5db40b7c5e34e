#include "admin-cli/text/quote_text.h"

#include <fmt/format.h>

#include <ostream>
#include <string>

namespace prepaid::cli {
namespace {

std::string text(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string rounding_text(const nlohmann::json& r) {
  const int decimals = r["decimals"].get<int>();
  return fmt::format("{} to {} decimal{}", text(r["method"]), decimals, decimals == 1 ? "" : "s");
}

/// "2026-11-23T15:58:00Z" -> "2026-11-23 15:58:00"
std::string utc_reading(std::string iso) {
  if (iso.size() >= 19) {
    iso[10] = ' ';
    iso.resize(19);
  }
  return iso;
}

std::string limit_text(const std::string& limit, const std::string& cap_s) {
  if (limit == "balance") return "the balance: one more increment would not fit";
  if (limit == "cap") return "the cap (" + cap_s + " s), before the balance";
  if (limit == "insufficient_balance") {
    return "insufficient balance: not even the first increment fits";
  }
  return limit;
}

void print_price(const nlohmann::json& q, std::ostream& out) {
  const std::string code = text(q["currency"]);
  out << fmt::format("Number:      {} -> {}, {} (prefix {})\n", text(q["number"]),
                     text(q["digits"]), text(q["destination"]), text(q["prefix"]));
  out << fmt::format("Duration:    {} s, billed {} s\n\n", text(q["duration_s"]),
                     text(q["billed_s"]));
  if (q["spans"].empty()) {
    out << "  (free: unanswered or within the grace period)\n";
  } else {
    out << fmt::format("  {:<12} {:<10} {:<8} {:>14} {:<19} {:>8} {:>12}\n", "rule", "list",
                       "prefix", "rate/unit", "from (local)", "seconds", "amount");
    for (const auto& s : q["spans"]) {
      const std::string rule = text(s["rule"]);
      out << fmt::format("  {:<12} {:<10} {:<8} {:>14} {:<19} {:>8} {:>12}\n",
                         rule.empty() ? "(base)" : rule, text(s["price_list"]), text(s["prefix"]),
                         text(s["rate"]) + "/" + text(s["rate_unit_s"]) + "s",
                         text(s["start_local"]), text(s["seconds"]), text(s["amount"]));
    }
  }
  out << fmt::format("  {:<76} {:>12}\n", "connect fee", text(q["connect_fee"]));
  out << fmt::format("  {:<76} {:>12}\n", "unrounded", text(q["unrounded"]));
  out << fmt::format("  {:<76} {:>12}\n", "total (rounded " + rounding_text(q["rounding"]) + ")",
                     text(q["total"]) + " " + code);
  if (q.contains("buy_cost")) {
    const std::string buy_code = text(q.value("buy_currency", nlohmann::json(code)));
    const std::string label = buy_code == code
                                  ? std::string("buy cost")
                                  : "buy cost (in " + buy_code + ", not converted to " + code + ")";
    out << fmt::format("  {:<76} {:>12}\n", label, text(q["buy_cost"]) + " " + buy_code);
  }
}

void print_grant(const nlohmann::json& q, std::ostream& out) {
  const std::string code = text(q["currency"]);
  const auto granted = q["granted_s"].get<std::uint32_t>();
  out << fmt::format("Number:      {} -> {} (prefix {})\n", text(q["number"]),
                     text(q["destination"]), text(q["prefix"]));
  out << fmt::format("Balance:     {} {}\n", text(q["balance"]), code);
  const std::string cap = text(q["cap_s"]);
  if (q.value("cap_origin", "") == "server_default") {
    out << fmt::format(
        "Cap:         {} s: rlm_prepaid's default max_call_duration, the most a server with the "
        "default configuration grants (--cap S for another setting)\n",
        cap);
  } else {
    out << fmt::format("Cap:         {} s (as asked)\n", cap);
  }
  out << fmt::format("Granted:     {} s ({}:{:02}:{:02})\n", granted, granted / 3600,
                     granted / 60 % 60, granted % 60);
  out << fmt::format("Limited by:  {}\n", limit_text(text(q["limited_by"]), cap));
  out << fmt::format("Price:       {} {} (the price of the granted seconds: what to reserve)\n",
                     text(q["price"]), code);
}

}  // namespace

void print_quote(const nlohmann::json& q, std::ostream& out) {
  out << fmt::format("Tariff:      {} ({}, zone {}, rounding {})\n", text(q["tariff"]),
                     text(q["currency"]), text(q["zone"]), rounding_text(q["rounding"]));
  out << fmt::format("Start:       {} {} ({} UTC)\n", text(q["start_local"]), text(q["zone"]),
                     utc_reading(text(q["start"])));
  if (q.contains("granted_s")) {
    print_grant(q, out);
  } else {
    print_price(q, out);
  }
}

}  // namespace prepaid::cli
