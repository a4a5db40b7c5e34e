#include "admin-cli/command/command.h"

#include <exception>
#include <stdexcept>
#include <utility>

#include "billing/store/store_error.h"
#include "rating/money.h"

namespace prepaid::cli {

std::string Command::name() const {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

const Command& command_named(std::string_view name) {
  for (const auto& c : all_commands())
    if (c.name() == name) return c;
  throw std::logic_error("no command named " + std::string(name));
}

Completion execute(const Command& command, Services& services, const billing::Actor* actor,
                   nlohmann::json values, std::function<void(std::string_view)> progress,
                   ProgressCount advance, std::set<std::string, std::less<>> from_body) {
  try {
    const Input input(command.params, std::move(values), std::move(from_body));
    if (!progress) progress = [](std::string_view) {};
    if (!advance) advance = [](std::string_view, std::uint64_t, std::uint64_t) {};
    Request request{services, actor, input, std::move(progress), std::move(advance)};
    auto outcome = command.run(request);
    if (!outcome) return failure_from(outcome.problem());
    return std::move(outcome).value();
  } catch (const InputError& e) {
    return input_failure(e.field(), e.what());
  } catch (const billing::SchemaMismatch& e) {
    return schema_failure(e.what());
  } catch (const billing::StoreConflict& e) {
    return Failure{"busy",
                   std::string("the database stayed busy (deadlock or lock wait): ") + e.what() +
                       "; nothing was changed, try again",
                   {},
                   {},
                   503,
                   ExitCode::unavailable};
  } catch (const billing::StoreUnavailable& e) {
    return unavailable_failure(std::string("database unavailable: ") + e.what());
  } catch (const billing::StoreError& e) {
    return database_failure(std::string("database error: ") + e.what());
  } catch (const rating::MoneyOverflow& e) {
    return input_failure("", std::string("amount out of range: ") + e.what());
  } catch (const std::exception& e) {
    return internal_failure(std::string("internal error: ") + e.what());
  }
}

}  // namespace prepaid::cli
