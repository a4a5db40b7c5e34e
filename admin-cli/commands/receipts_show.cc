// `prepaidctl receipts show` / GET /v1/receipts/{number}?shop= (PaymentService::receipt): a
// receipt reprinted exactly as it was issued, 40 or 48 columns, and as JSON.
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/payment_json.h"

namespace prepaid::cli {

Command receipts_show_command() {
  return Command{
      .words = {"receipts", "show"},
      .summary = "Reprint a shop's receipt by number, as issued (40 or 48 columns, or --json)",
      .example = "prepaidctl --as olga receipts show --shop corner 12 --width 48",
      .method = "GET",
      .path = "/v1/receipts/{number}",
      .params = {Param{.name = "number",
                       .type = ParamType::integer,
                       .required = true,
                       .help = "the receipt's number at its shop"},
                 Param{.name = "shop", .required = true, .help = "the shop"},
                 Param{.name = "width",
                       .type = ParamType::choice,
                       .help = "printer columns: 40 (default) or 48",
                       .choices = {"40", "48"}}},
      .run =
          [](const Request& r) {
            const bool wide = r.input.optional_choice("width").value_or("40") == "48";
            return reply_with(
                r.services.payments().receipt(
                    r.who(), r.input.text("shop"),
                    static_cast<std::uint64_t>(r.input.integer("number", 1, INT64_MAX))),
                [&](const billing::PaymentView& v) {
                  return nlohmann::json{
                      {"shop", v.shop},
                      {"number", v.payment.receipt_number},
                      {"width", wide ? 48 : 40},
                      {"text", wide ? v.payment.receipt_text_48 : v.payment.receipt_text_40},
                      {"receipt", nlohmann::json::parse(v.payment.receipt_json)},
                      {"payment", payment_json(v)}};
                });
          },
      .render = [](const Reply& reply,
                   std::ostream& out) { out << reply.body["text"].get<std::string>(); },
  };
}

}  // namespace prepaid::cli
