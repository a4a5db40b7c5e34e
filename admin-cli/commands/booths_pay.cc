// `prepaidctl booths pay` / POST /v1/booths/{number}/payments (PaymentService::pay): one
// payment over calls of the booth's open session, with extras, by cash or card. With
// --preview ("preview": true) only its amounts — due after the shop's rounding, paid, change —
// worked out by the same checks and written nowhere (the counter's form shows them as the
// operator picks calls and types).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/payment_params.h"
#include "admin-cli/commands/payment_views.h"
#include "admin-cli/json/payment_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  billing::PayRequest p;
  p.booth = r.input.text("number");
  p.calls = payment_params::read_calls(r.input);
  p.extras = payment_params::read_extras(r.input);
  p.method = payment_params::read_method(r.input);
  p.tendered = r.input.optional_money("tendered");
  p.preview = r.input.flag("preview");
  if (p.preview) {
    // A preview is an answer, not a change: a payment that would be refused is answered with
    // the refusal it would get ("refused"), so that the counter's form shows it as it is typed.
    auto v = r.services.payments().pay(r.who(), p);
    if (!v) {
      const auto& why = v.problem();
      return Reply::json({{"preview", true},
                          {"refused",
                           {{"code", std::string(billing::to_string(why.code))},
                            {"message", why.message},
                            {"field", why.field}}}});
    }
    auto j = payment_json(*v);
    for (const char* key : {"id", "receipt", "undone_at", "undone_by", "undo_reason"})
      j.erase(key);  // nothing was written: no payment, no receipt
    return Reply::json({{"preview", true}, {"payment", std::move(j)}});
  }
  return reply_with(
      r.services.payments().pay(r.who(), p),
      [](const billing::PaymentView& v) {
        return nlohmann::json{{"payment", payment_json(v)}};
      },
      201);
}

}  // namespace

Command booths_pay_command() {
  return Command{
      .words = {"booths", "pay"},
      .summary = "Take one payment for calls of a booth's open session (and extra items)",
      .example =
          "prepaidctl --as olga booths pay 710000000101 --calls 41,42 --extra Coffee:1.00 "
          "--method cash --tendered 5.00",
      .method = "POST",
      .path = "/v1/booths/{number}/payments",
      .params = payment_params::with_settlement(
          {Param{.name = "number", .required = true, .help = "the booth's number"},
           Param{.name = "calls",
                 .type = ParamType::list,
                 .required = true,
                 .help = "the calls paid: their ids (calls list), ID,ID,..."},
           Param{.name = "preview",
                 .type = ParamType::boolean,
                 .help = "only work the amounts out (due, paid, change): nothing is written"}}),
      .run = run,
      .render = views::render_payment,
  };
}

}  // namespace prepaid::cli
