// `prepaidctl holidays add` / POST /v1/tariffs/{tariff}/holidays (TariffService::add_holiday).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  const auto date = r.input.text("date");
  auto holiday = rating::Holiday::parse_date(date);
  if (!holiday) {
    throw InputError("date", "date: not a date (2026-12-24 once, or 12-25 every year): " + date);
  }
  holiday->name = r.input.text_or("name", "");
  return reply_with(r.services.tariffs().add_holiday(r.who(), r.input.text("tariff"), *holiday),
                    holiday_json, 201);
}

}  // namespace

Command holidays_add_command() {
  return Command{
      .words = {"holidays", "add"},
      .summary = "Add a holiday to a tariff (once: 2026-12-24; every year: 12-25)",
      .example = "prepaidctl --as alice holidays add retail 12-25 --name Christmas",
      .method = "POST",
      .path = "/v1/tariffs/{tariff}/holidays",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(),
                 Param{.name = "date",
                       .required = true,
                       .help = "YYYY-MM-DD or MM-DD",
                       .positional = true},
                 Param{.name = "name", .help = "what it is"}},
      .run = run,
      .render = [](const Reply& reply, std::ostream& out) { kit::print_object(reply.body, out); },
  };
}

}  // namespace prepaid::cli
