// `prepaidctl shifts show` / GET /v1/shifts/{id} (ShiftService::report).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shift_views.h"
#include "admin-cli/json/shift_json.h"

namespace prepaid::cli {

Command shifts_show_command() {
  return Command{
      .words = {"shifts", "show"},
      .summary = "A shift's report: float, cash in and out, expected, counted, difference",
      .example = "prepaidctl --as olga shifts show 12",
      .method = "GET",
      .path = "/v1/shifts/{id}",
      .params = {Param{
          .name = "id", .type = ParamType::integer, .required = true, .help = "the shift"}},
      .run =
          [](const Request& r) {
            return reply_with(
                r.services.shifts().report(r.who(), r.input.integer("id", 1, INT64_MAX)),
                shift_report_json);
          },
      .render = views::render_shift_report,
  };
}

}  // namespace prepaid::cli
