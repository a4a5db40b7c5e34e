// `prepaidctl rules add` / POST /v1/tariffs/{tariff}/rules: a price rule that switches the
// tariff to another price list by weekday, time of day or holiday (TariffService::add_rule).
#include "admin-cli/commands/command_kit.h"
#include "admin-cli/commands/command_registry.h"
#include "admin-cli/json/tariff_json.h"

namespace prepaid::cli {
namespace {

Outcome run(const Request& r) {
  rating::PriceRule rule;
  rule.name = r.input.text("name");
  rule.price_list = r.input.text("price_list");
  if (auto text = r.input.optional_text("weekdays")) {
    auto days = rating::Weekdays::parse(*text);
    if (!days) {
      throw InputError("weekdays", "weekdays: not a set of days (mon-fri, sat,sun, all): " + *text);
    }
    rule.weekdays = *days;
  }
  if (auto text = r.input.optional_text("time")) {
    auto range = rating::TimeOfDayRange::parse(*text);
    if (!range) throw InputError("time", "time: " + *rating::TimeOfDayRange::problem(*text));
    rule.time = *range;
  }
  rule.on_holidays = r.input.flag("on_holidays");
  rule.priority =
      static_cast<int>(r.input.optional_integer("priority", -1000000, 1000000).value_or(0));
  return reply_with(r.services.tariffs().add_rule(r.who(), r.input.text("tariff"), rule), rule_json,
                    201);
}

}  // namespace

Command rules_add_command() {
  return Command{
      .words = {"rules", "add"},
      .summary = "Add a price rule: another price list on some days or hours, or on holidays",
      .example =
          "prepaidctl --as alice rules add retail evening --price-list evening --weekdays "
          "mon-fri --time 18:00-08:00",
      .method = "POST",
      .path = "/v1/tariffs/{tariff}/rules",
      .min_role = billing::Role::administrator,
      .params = {kit::tariff_name(),
                 Param{.name = "name", .required = true, .help = "rule name", .positional = true},
                 Param{.name = "price_list",
                       .required = true,
                       .help = "the list in force while the rule applies"},
                 Param{.name = "weekdays", .help = "mon-fri, sat,sun, all (default all)"},
                 Param{
                     .name = "time",
                     .help =
                         "local time range, e.g. 18:00-08:00 (default 00:00-24:00, the whole day)"},
                 Param{.name = "on_holidays",
                       .type = ParamType::boolean,
                       .help = "applies on the tariff's holidays (weekdays ignored)"},
                 Param{.name = "priority",
                       .type = ParamType::integer,
                       .help = "higher wins when several rules apply (default 0)"}},
      .run = run,
      .render =
          [](const Reply& reply, std::ostream& out) {
            nlohmann::json rule = reply.body;
            rule["time"] = kit::time_range_cell(rule["time"]);
            kit::print_object(rule, out);
          },
  };
}

}  // namespace prepaid::cli
