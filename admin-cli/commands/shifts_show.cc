// `prepaidctl shifts show` / GET /v1/shifts/{id} (ShiftService::report).
#include <ostream>

#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shift_views.h"
#include "admin-cli/json/shift_json.h"

namespace prepaid::cli {

Command shifts_show_command() {
  return Command{
      .words = {"shifts", "show"},
      .summary =
          "A shift's report: calls, payments by method, float, cash in and out, expected, "
          "counted, difference (--text: printable)",
      .example = "prepaidctl --as olga shifts show 12",
      .method = "GET",
      .path = "/v1/shifts/{id}",
      .params =
          {Param{.name = "id", .type = ParamType::integer, .required = true, .help = "the shift"},
           Param{.name = "text",
                 .type = ParamType::boolean,
                 .help = "the report as printable text (in \"text\")"},
           Param{.name = "width",
                 .type = ParamType::choice,
                 .help = "printer columns of --text: 40 (default) or 48",
                 .choices = {"40", "48"}}},
      .run = [](const Request& r) -> Outcome {
        const auto id = r.input.integer("id", 1, INT64_MAX);
        if (!r.input.flag("text"))
          return reply_with(r.services.shifts().report(r.who(), id), shift_report_json);
        const std::size_t width = r.input.optional_choice("width").value_or("40") == "48" ? 48 : 40;
        return reply_with(r.services.shifts().printout(r.who(), id, width),
                          [&](const std::string& text) {
                            return nlohmann::json{{"shift", id}, {"width", width}, {"text", text}};
                          });
      },
      .render =
          [](const Reply& reply, std::ostream& out) {
            if (reply.body.contains("text"))
              out << reply.body["text"].get<std::string>();
            else
              views::render_shift_report(reply, out);
          },
  };
}

}  // namespace prepaid::cli
