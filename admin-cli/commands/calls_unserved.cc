// `prepaidctl calls unserved` / POST /v1/calls/{id}/unserved and `calls unserved-undo` /
// POST /v1/calls/{id}/unserved/undo (PaymentService::mark_unserved, undo_unserved).
#include <ostream>
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"

#include "admin-cli/json/payment_json.h"
#include "admin-cli/text/table.h"

namespace prepaid::cli {
namespace {

std::vector<Param> mark_params(const char* reason_help) {
  return {Param{.name = "id",
                .type = ParamType::integer,
                .required = true,
                .help = "the call's id (calls list)"},
          Param{.name = "reason", .required = true, .help = reason_help}};
}

void render_mark(const Reply& reply, std::ostream& out) {
  const auto& m = reply.body["call"];
  print_fields(out, {{"call", kit::cell(m["call"])},
                     {"session", kit::cell(m["session"])},
                     {"state", kit::cell(m["state"])},
                     {"reason", kit::cell(m["reason"])}});
}

}  // namespace

Command calls_unserved_command() {
  return Command{
      .words = {"calls", "unserved"},
      .summary = "Mark a booth call not served: the customer does not pay it",
      .example = "prepaidctl --as olga calls unserved 42 --reason \"wrong number\"",
      .method = "POST",
      .path = "/v1/calls/{id}/unserved",
      .params = mark_params("why it was not served (wrong number, bad line)"),
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.payments().mark_unserved(r.who(), r.input.integer("id", 1, INT64_MAX),
                                                    r.input.text("reason")),
                [](const billing::CallMark& m) {
                  return nlohmann::json{{"call", call_mark_json(m)}};
                });
          },
      .render = render_mark,
  };
}

Command calls_unserved_undo_command() {
  return Command{
      .words = {"calls", "unserved-undo"},
      .summary = "Take an unserved mark back: the call is unpaid again (administrators)",
      .example = "prepaidctl --as admin calls unserved-undo 42 --reason \"the line was fine\"",
      .method = "POST",
      .path = "/v1/calls/{id}/unserved/undo",
      .min_role = billing::Role::administrator,
      .params = mark_params("why the mark is taken back"),
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.payments().undo_unserved(r.who(), r.input.integer("id", 1, INT64_MAX),
                                                    r.input.text("reason")),
                [](const billing::CallMark& m) {
                  return nlohmann::json{{"call", call_mark_json(m)}};
                });
          },
      .render = render_mark,
  };
}

}  // namespace prepaid::cli
