// `prepaidctl shifts list` / GET /v1/shifts (ShiftService::list).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/commands/shift_views.h"
#include "admin-cli/json/shift_json.h"

namespace prepaid::cli {

Command shifts_list_command() {
  return Command{
      .words = {"shifts", "list"},
      .summary = "Shifts, newest first (an operator: its shop's)",
      .example = "prepaidctl --as olga shifts list --open",
      .method = "GET",
      .path = "/v1/shifts",
      .params = kit::with_page(
          {Param{.name = "shop", .help = "only this shop's"},
           Param{
               .name = "open", .type = ParamType::boolean, .help = "only shifts not closed yet"}}),
      .run =
          [](const Request& r) {
            billing::ShiftFilter filter;
            filter.shop = r.input.text_or("shop", "");
            filter.open_only = r.input.flag("open");
            return reply_with(r.services.shifts().list(r.who(), filter, kit::read_page(r.input)),
                              [](const std::vector<billing::Shift>& shifts) {
                                nlohmann::json out = nlohmann::json::array();
                                for (const auto& s : shifts) out.push_back(shift_json(s));
                                return nlohmann::json{{"shifts", out}};
                              });
          },
      .render = views::render_shift_list,
  };
}

}  // namespace prepaid::cli
