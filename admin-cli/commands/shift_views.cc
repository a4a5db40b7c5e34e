#include "admin-cli/commands/shift_views.h"

#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli::views {

void render_shift_report(const Reply& reply, std::ostream& out) {
  const auto& b = reply.body;
  const auto& s = b["shift"];
  const std::string currency = " " + kit::cell(b["currency"]);
  out << "shift " << s["id"] << " at " << kit::cell(s["shop"]) << " by " << kit::cell(s["operator"])
      << ", opened " << kit::cell(s["opened_at"]);
  if (!s["closed_at"].is_null()) out << ", closed " << kit::cell(s["closed_at"]);
  out << "\n\n";
  if (!b["movements"].empty()) {
    Table table({{"AT"}, {"AMOUNT", true}, {"REASON"}, {"NOTE"}, {"OPERATOR"}});
    for (const auto& m : b["movements"])
      table.add({kit::cell(m["at"]), kit::cell(m["amount"]), kit::cell(m["reason"]),
                 kit::cell(m["note"]), kit::cell(m["operator"])});
    table.print(out);
    out << '\n';
  }
  if (b.contains("counter")) {
    const auto& k = b["counter"];
    const auto tally = [&](const char* name) {
      const auto& t = k[name];
      const auto seconds = t["seconds"].get<std::uint64_t>();
      return kit::cell(t["count"]) + " calls, " + std::to_string(seconds / 60) + " min " +
             std::to_string(seconds % 60) + " s, " + kit::cell(t["amount"]) + currency;
    };
    print_fields(
        out, {{"calls", tally("calls")},
              {"paid", tally("paid")},
              {"unserved", tally("unserved")},
              {"unpaid", tally("unpaid")},
              {"payments", kit::cell(k["payments"]) + " (" + kit::cell(k["undone"]) + " undone)"},
              {"revenue", kit::cell(k["revenue"]) + currency},
              {"  in cash", kit::cell(k["cash"]) + currency},
              {"  by card", kit::cell(k["card"]) + currency},
              {"  from deposits", kit::cell(k["deposits"]) + currency},
              {"cash tendered", kit::cell(k["cash_tendered"]) + currency},
              {"change given", kit::cell(k["change"]) + currency}});
    out << '\n';
  }
  std::vector<std::pair<std::string, std::string>> sums = {
      {"opening float", kit::cell(b["opening_float"]) + currency},
      {"cash in", kit::cell(b["cash_in"]) + currency},
      {"cash out", kit::cell(b["cash_out"]) + currency},
      {"expected", kit::cell(b["expected"]) + currency}};
  if (!b["counted"].is_null()) {
    sums.emplace_back("counted", kit::cell(b["counted"]) + currency);
    sums.emplace_back("difference", kit::cell(b["difference"]) + currency);
  }
  print_fields(out, sums);
}

void render_shift_list(const Reply& reply, std::ostream& out) {
  Table table({{"ID", true},
               {"SHOP"},
               {"OPERATOR"},
               {"OPENED"},
               {"CLOSED"},
               {"FLOAT", true},
               {"EXPECTED", true},
               {"COUNTED", true}});
  for (const auto& s : reply.body["shifts"])
    table.add({kit::cell(s["id"]), kit::cell(s["shop"]), kit::cell(s["operator"]),
               kit::cell(s["opened_at"]), kit::cell(s["closed_at"]), kit::cell(s["opening_float"]),
               kit::cell(s["expected"]), kit::cell(s["counted"])});
  table.print(out);
}

}  // namespace prepaid::cli::views
