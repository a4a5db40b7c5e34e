#include "admin-cli/commands/payment_views.h"

#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli::views {

void render_payment(const Reply& reply, std::ostream& out) {
  if (reply.body.value("preview", false) && reply.body.contains("refused")) {
    out << "preview: the payment would be refused: " << reply.body["refused"].value("message", "")
        << '\n';
    return;
  }
  const auto& p = reply.body["payment"];
  const std::string currency = " " + kit::cell(p["currency"]);
  if (reply.body.value("preview", false)) {
    out << "preview: nothing written\n";
    print_fields(out, {{"booth", kit::cell(p["booth"])},
                       {"calls", kit::cell(p["calls"])},
                       {"calls total", kit::cell(p["calls_total"]) + currency},
                       {"extras", kit::cell(p["extras_total"]) + currency},
                       {"rounding", kit::cell(p["rounding"]) + currency},
                       {"total", kit::cell(p["total"]) + currency},
                       {"tendered", kit::cell(p["tendered"]) + currency},
                       {"paid (" + kit::cell(p["method"]) + ")", kit::cell(p["paid"]) + currency},
                       {"change", kit::cell(p["change"]) + currency}});
    return;
  }
  std::vector<std::pair<std::string, std::string>> fields = {
      {"payment", kit::cell(p["id"])},
      {"receipt", kit::cell(p["shop"]) + " " + kit::cell(p["receipt"])},
      {"booth", kit::cell(p["booth"])},
      {"calls", kit::cell(p["calls"])},
      {"total", kit::cell(p["total"]) + currency},
      {"paid (" + kit::cell(p["method"]) + ")", kit::cell(p["paid"]) + currency},
      {"change", kit::cell(p["change"]) + currency}};
  if (!p["undone_at"].is_null())
    fields.emplace_back("undone", kit::cell(p["undone_at"]) + " by " + kit::cell(p["undone_by"]) +
                                      ": " + kit::cell(p["undo_reason"]));
  print_fields(out, fields);
}

void render_payment_list(const Reply& reply, std::ostream& out) {
  Table table({{"ID", true},
               {"SHOP"},
               {"RECEIPT", true},
               {"AT"},
               {"BOOTH"},
               {"OPERATOR"},
               {"CALLS", true},
               {"TOTAL", true},
               {"METHOD"},
               {"PAID", true},
               {"STATE"}});
  for (const auto& p : reply.body["payments"]) {
    std::string state = p["final"].get<bool>() ? "checkout" : "paid";
    if (!p["undone_at"].is_null()) state = "undone";
    table.add({kit::cell(p["id"]), kit::cell(p["shop"]), kit::cell(p["receipt"]),
               kit::cell(p["at"]), kit::cell(p["booth"]), kit::cell(p["operator"]),
               kit::cell(p["calls"]), kit::cell(p["total"]), kit::cell(p["method"]),
               kit::cell(p["paid"]), state});
  }
  table.print(out);
}

}  // namespace prepaid::cli::views
