#include "admin-cli/commands/payment_params.h"

#include <string>

#include "admin-cli/command/failure.h"

namespace prepaid::cli::payment_params {
namespace {

std::vector<std::string> split(const std::string& text, char at) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const auto to = text.find(at, from);
    out.push_back(text.substr(from, to == std::string::npos ? std::string::npos : to - from));
    if (to == std::string::npos) return out;
    from = to + 1;
  }
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() <= 18 &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::vector<billing::CdrId> read_calls(const Input& input) {
  std::vector<billing::CdrId> out;
  for (const std::string& item : input.list("calls"))
    for (const std::string& id : split(item, ',')) {
      if (!all_digits(id) || std::stoll(id) < 1)
        throw InputError("calls", "a call is its id, a whole number >= 1: not '" + id + "'");
      out.push_back(std::stoll(id));
    }
  return out;
}

std::vector<billing::ExtraItem> read_extras(const Input& input) {
  std::vector<billing::ExtraItem> out;
  for (const std::string& item : input.list("extra")) {
    std::vector<std::string> parts = split(item, ':');
    billing::ExtraItem e;
    if (parts.size() >= 3 && all_digits(parts.back())) {
      const auto q = std::stoll(parts.back());
      e.quantity = q > 100000 ? 100000 : static_cast<std::uint32_t>(q);
      parts.pop_back();
    }
    if (parts.size() < 2)
      throw InputError("extra", "an extra item is LABEL:PRICE[:QUANTITY], not '" + item + "'");
    const auto price = rating::Money::parse(parts.back());
    if (!price)
      throw InputError("extra", "'" + parts.back() + "' is not an amount (in '" + item + "')");
    e.unit_price = *price;
    parts.pop_back();
    for (std::size_t i = 0; i < parts.size(); ++i) e.label += (i ? ":" : "") + parts[i];
    out.push_back(e);
  }
  return out;
}

std::vector<Param> with_settlement(std::vector<Param> params) {
  params.push_back(Param{.name = "extra",
                         .type = ParamType::list,
                         .help = "an extra item LABEL:PRICE[:QUANTITY] (repeat for more)"});
  params.push_back(Param{.name = "method",
                         .type = ParamType::choice,
                         .help = "cash (default) or card",
                         .choices = {"cash", "card"}});
  params.push_back(Param{.name = "tendered",
                         .type = ParamType::money,
                         .help = "what the customer hands over (default: exactly what is due)"});
  return params;
}

billing::PaymentMethod read_method(const Input& input) {
  return billing::parse_payment_method(input.optional_choice("method").value_or("cash"))
      .value_or(billing::PaymentMethod::cash);
}

}  // namespace prepaid::cli::payment_params
