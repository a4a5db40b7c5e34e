// `prepaidctl shifts open` / POST /v1/shifts (ShiftService::open).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shift_views.h"
#include "admin-cli/json/shift_json.h"

namespace prepaid::cli {

Command shifts_open_command() {
  return Command{
      .words = {"shifts", "open"},
      .summary = "Open your shift at a shop's counter with the cash float in the till",
      .example = "prepaidctl --as olga shifts open --float 50.00",
      .method = "POST",
      .path = "/v1/shifts",
      .params = {Param{.name = "float",
                       .type = ParamType::money,
                       .required = true,
                       .help = "cash in the till, in the shop's currency (0 allowed)"},
                 Param{.name = "shop", .help = "the shop (default: the one you work)"}},
      .run =
          [](const Request& r) {
            return reply_with(r.services.shifts().open(r.who(), r.input.text_or("shop", ""),
                                                       r.input.money("float")),
                              shift_report_json, 201);
          },
      .render = views::render_shift_report,
  };
}

}  // namespace prepaid::cli
