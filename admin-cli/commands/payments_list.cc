// `prepaidctl payments list` / GET /v1/payments and `receipts list` / GET /v1/receipts
// (PaymentService::list): the counter's payments, each with its receipt number, newest first.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/payment_views.h"
#include "admin-cli/json/payment_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  billing::PaymentQuery q;
  q.shop = r.input.text_or("shop", "");
  q.shift = r.input.optional_integer("shift", 1, INT64_MAX);
  return reply_with(r.services.payments().list(r.who(), q, kit::read_page(r.input)),
                    [](const std::vector<billing::PaymentView>& list) {
                      nlohmann::json out = nlohmann::json::array();
                      for (const auto& v : list) out.push_back(payment_json(v));
                      return nlohmann::json{{"payments", out}};
                    });
}

Command list_command(std::string noun, std::string path, std::string summary) {
  return Command{
      .words = {noun, "list"},
      .summary = std::move(summary),
      .example = "prepaidctl --as olga " + noun + " list --shop corner --shift 12",
      .method = "GET",
      .path = std::move(path),
      .params = kit::with_page(
          {Param{.name = "shop", .help = "only this shop's (operators: their shop)"},
           Param{.name = "shift", .type = ParamType::integer, .help = "only this shift's"}}),
      .run = run,
      .render = views::render_payment_list,
  };
}

}  // namespace

Command payments_list_command() {
  return list_command("payments", "/v1/payments",
                      "Payments taken at the counter, newest first, each with its receipt");
}

Command receipts_list_command() {
  return list_command("receipts", "/v1/receipts",
                      "Receipts issued at the counter (one per payment), newest first");
}

}  // namespace prepaid::cli
