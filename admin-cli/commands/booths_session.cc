// `prepaidctl booths open|close` / POST /v1/booths/{number}/{open,close}
// (BoothSessionService::open, close): a customer's session at the counter, and its checkout.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/payment_params.h"
#include "admin-cli/commands/shop_params.h"
#include "admin-cli/json/shop_json.h"

namespace prepaid::cli {

Command booths_open_command() {
  return Command{
      .words = {"booths", "open"},
      .summary = "Open a booth for a customer: prepaid with a deposit, or postpaid with a limit",
      .example = "prepaidctl --as olga booths open 710000000003 --prepaid 5.00",
      .method = "POST",
      .path = "/v1/booths/{number}/open",
      .params = {Param{.name = "number", .required = true, .help = "the booth's number"},
                 Param{.name = "prepaid",
                       .type = ParamType::money,
                       .help = "the deposit taken in cash: calls may spend up to it"},
                 Param{.name = "postpaid",
                       .type = ParamType::money,
                       .help = "a credit limit: calls may spend up to it, paid at checkout"}},
      .run =
          [](const Request& r) {
            const auto prepaid = r.input.optional_money("prepaid");
            const auto postpaid = r.input.optional_money("postpaid");
            if (prepaid.has_value() == postpaid.has_value())
              throw InputError(prepaid ? "postpaid" : "prepaid",
                               "give --prepaid DEPOSIT or --postpaid LIMIT (one of them)");
            return reply_with(r.services.sessions().open(r.who(), r.input.text("number"),
                                                         prepaid ? billing::SessionKind::prepaid
                                                                 : billing::SessionKind::postpaid,
                                                         prepaid ? *prepaid : *postpaid),
                              booth_view_json, 201);
          },
      .render = shop_params::render_booth_view,
  };
}

Command booths_close_command() {
  return Command{
      .words = {"booths", "close"},
      .summary =
          "Check a booth out: the last payment and its receipt; the session closes "
          "(refused during a call)",
      .example = "prepaidctl --as olga booths close 710000000003 --tendered 5.00",
      .method = "POST",
      .path = "/v1/booths/{number}/close",
      .params = payment_params::with_settlement(
          {Param{.name = "number", .required = true, .help = "the booth's number"}}),
      .run =
          [](const Request& r) {
            billing::SessionCheckout settle;
            settle.extras = payment_params::read_extras(r.input);
            settle.method = payment_params::read_method(r.input);
            settle.tendered = r.input.optional_money("tendered");
            return reply_with(r.services.sessions().close(r.who(), r.input.text("number"), settle),
                              booth_view_json);
          },
      .render = shop_params::render_booth_view,
  };
}

}  // namespace prepaid::cli
