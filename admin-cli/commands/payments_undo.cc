// `prepaidctl payments undo` / POST /v1/payments/{id}/undo (PaymentService::undo).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/payment_views.h"
#include "admin-cli/json/payment_json.h"

namespace prepaid::cli {

Command payments_undo_command() {
  return Command{
      .words = {"payments", "undo"},
      .summary =
          "Undo a payment made before checkout: its calls are unpaid again "
          "(administrators)",
      .example = "prepaidctl --as admin payments undo 7 --reason \"charged the wrong booth\"",
      .method = "POST",
      .path = "/v1/payments/{id}/undo",
      .min_role = billing::Role::administrator,
      .params = {Param{.name = "id",
                       .type = ParamType::integer,
                       .required = true,
                       .help = "the payment (payments list)"},
                 Param{.name = "reason", .required = true, .help = "why it is undone"}},
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.payments().undo(r.who(), r.input.integer("id", 1, INT64_MAX),
                                           r.input.text("reason")),
                [](const billing::PaymentView& v) {
                  return nlohmann::json{{"payment", payment_json(v)}};
                });
          },
      .render = views::render_payment,
  };
}

}  // namespace prepaid::cli
