// `prepaidctl cash in|out` / POST /v1/cash/{in,out} (ShiftService::move_cash): cash put in or
// taken out of the till of your open shift.
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/shift_json.h"

namespace prepaid::cli {
namespace {

Command cash_command(const std::string& verb, std::string summary, bool in,
                     std::vector<std::string> reasons, std::string example) {
  return Command{
      .words = {"cash", verb},
      .summary = std::move(summary),
      .example = std::move(example),
      .method = "POST",
      .path = "/v1/cash/" + verb,
      .params = {Param{.name = "amount",
                       .type = ParamType::money,
                       .required = true,
                       .help = "how much, in the shop's currency (> 0)"},
                 Param{.name = "reason",
                       .type = ParamType::choice,
                       .required = true,
                       .help = "why",
                       .choices = std::move(reasons)},
                 Param{.name = "note", .help = "what it was for (255 characters)"},
                 Param{.name = "shop", .help = "the shop (default: the one you work)"}},
      .run = [in](const Request& r) -> Outcome {
        const auto reason = *billing::parse_cash_reason(*r.input.optional_choice("reason"));
        auto moved = r.services.shifts().move_cash(r.who(), r.input.text_or("shop", ""), in,
                                                   r.input.money("amount"), reason,
                                                   r.input.text_or("note", ""));
        if (!moved) return moved.problem();
        auto shift = r.services.shifts().report(r.who(), moved->shift_id);
        if (!shift) return shift.problem();
        return Reply::json(cash_movement_json(*moved, shift->shift.currency), 201);
      },
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace

Command cash_in_command() {
  return cash_command("in", "Put cash into the till of your open shift (a float)", true, {"float"},
                      "prepaidctl --as olga cash in --amount 20.00 --reason float");
}

Command cash_out_command() {
  return cash_command("out", "Take cash out of the till of your open shift", false,
                      {"withdrawal", "expense"},
                      "prepaidctl --as olga cash out --amount 12.35 --reason expense --note "
                      "\"light bulbs\"");
}

}  // namespace prepaid::cli
