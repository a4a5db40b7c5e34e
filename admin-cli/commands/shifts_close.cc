// `prepaidctl shifts close` / POST /v1/shifts/{id}/close (ShiftService::close).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shift_views.h"
#include "admin-cli/json/shift_json.h"

namespace prepaid::cli {

Command shifts_close_command() {
  return Command{
      .words = {"shifts", "close"},
      .summary = "Close a shift with the cash counted in the till; prints its report",
      .example = "prepaidctl --as olga shifts close 12 --counted 73.40",
      .method = "POST",
      .path = "/v1/shifts/{id}/close",
      .params =
          {Param{.name = "id", .type = ParamType::integer, .required = true, .help = "the shift"},
           Param{.name = "counted",
                 .type = ParamType::money,
                 .required = true,
                 .help = "cash counted in the till, in the shop's currency"}},
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.shifts().close(r.who(), r.input.integer("id", 1, INT64_MAX),
                                          r.input.money("counted")),
                shift_report_json);
          },
      .render = views::render_shift_report,
  };
}

}  // namespace prepaid::cli
