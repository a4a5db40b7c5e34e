#include "admin-cli/commands/tariff_views.h"

#include "admin-cli/commands/command_kit.h"

namespace prepaid::cli::views {

std::vector<Param> tariff_settings_params() {
  return {
      Param{.name = "time_zone", .help = "IANA zone the price rules are read in (default UTC)"},
      Param{.name = "base_price_list", .help = "price list used when no rule is in force"},
      Param{.name = "rounding_method",
            .type = ParamType::choice,
            .help = "how a call's total is rounded (default up)",
            .choices = {"up", "down", "half-up", "half-even"}},
      Param{.name = "rounding_decimals",
            .type = ParamType::integer,
            .help = "decimals of a call's total, 0..6 (default: the currency's minor unit)"},
      Param{.name = "international_prefix",
            .help = "dialed prefix stripped before the match, like '+' (default 00)"},
  };
}

void read_tariff_settings(const Input& in, billing::TariffRecord& spec) {
  if (auto v = in.optional_text("time_zone")) spec.time_zone = *v;
  if (auto v = in.optional_text("base_price_list")) spec.base_price_list = *v;
  if (auto v = in.optional_choice("rounding_method"))
    spec.rounding.method = *rating::parse_rounding_method(*v);
  if (auto v = in.optional_integer("rounding_decimals", -1, 6))
    spec.rounding.decimals = static_cast<int>(*v);
  if (auto v = in.optional_text("international_prefix")) spec.international_prefix = *v;
}

void render_tariff(const Reply& reply, std::ostream& out) {
  kit::print_object(reply.body, out);
}

}  // namespace prepaid::cli::views
