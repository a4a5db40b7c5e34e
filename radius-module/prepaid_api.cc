// The C API of the core: the exception boundary. Nothing thrown below may cross into C.
#include "radius-module/prepaid_api.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string_view>
#include <variant>

#include "radius-module/access_reply.h"
#include "radius-module/attribute_numbers.h"
#include "radius-module/module_core.h"

struct prepaid_card_read {
  prepaid::radius::AuthorizeCarry carry;
};

struct prepaid_core {
  prepaid_core(prepaid::radius::ModuleConfig config, std::string& warning)
      : core(std::move(config), warning) {}
  prepaid::radius::ModuleCore core;
};

namespace {

using prepaid::radius::AccessReply;
using prepaid::radius::RequestView;
namespace code = prepaid::radius::return_code;

void copy_message(char* out, std::size_t size, std::string_view message) {
  if (!out || size == 0) return;
  const std::size_t n = std::min(message.size(), size - 1);
  std::memcpy(out, message.data(), n);
  out[n] = '\0';
}

void copy_message(prepaid_accounting& out, prepaid_log_level level, std::string_view message) {
  out.log_level = level;
  copy_message(out.log, sizeof out.log, message);
}

// A refusal that cannot itself fail (the attributes fit by construction).
void refuse_unavailable(prepaid_reply& reply, std::string_view why) {
  try {
    AccessReply(reply).refuse(code::kServiceUnavailable, {}, PREPAID_LOG_ERROR, why);
  } catch (...) {
    reply.accept = 0;
    reply.count = 0;
  }
}

// Runs `body`, turning exceptions into a status and a refusal in `reply`.
template <class Body>
int guarded_access(prepaid_reply& reply, Body&& body) {
  try {
    body();
    return PREPAID_OK;
  } catch (const prepaid::radius::ServiceUnavailable& e) {
    refuse_unavailable(reply, std::string("database unavailable: ") + e.what());
    return PREPAID_E_UNAVAILABLE;
  } catch (const prepaid::radius::RequestIgnored& e) {
    reply.accept = 0;
    reply.count = 0;
    reply.log_level = PREPAID_LOG_NONE;
    copy_message(reply.log, sizeof reply.log, e.what());
    return PREPAID_E_IGNORED;
  } catch (const std::exception& e) {
    refuse_unavailable(reply, std::string("internal error: ") + e.what());
    return PREPAID_E_INTERNAL;
  } catch (...) {
    refuse_unavailable(reply, "internal error: unknown exception");
    return PREPAID_E_INTERNAL;
  }
}

}  // namespace

extern "C" {

int prepaid_open(const prepaid_config* config, prepaid_core** core, char* error,
                 size_t error_size) {
  if (!config || !core) {
    copy_message(error, error_size, "prepaid_open: NULL argument");
    return PREPAID_E_INVALID;
  }
  try {
    auto checked = prepaid::radius::ModuleConfig::from(*config);
    if (auto* message = std::get_if<std::string>(&checked)) {
      copy_message(error, error_size, *message);
      return PREPAID_E_INVALID;
    }
    std::string warning;
    *core = new prepaid_core(std::get<prepaid::radius::ModuleConfig>(std::move(checked)), warning);
    copy_message(error, error_size, warning);
    return PREPAID_OK;
  } catch (const prepaid::radius::ServiceUnavailable& e) {
    copy_message(error, error_size, std::string("database unavailable: ") + e.what());
    return PREPAID_E_UNAVAILABLE;
  } catch (const std::exception& e) {
    copy_message(error, error_size, e.what());
    return PREPAID_E_INTERNAL;
  } catch (...) {
    copy_message(error, error_size, "unknown exception");
    return PREPAID_E_INTERNAL;
  }
}

void prepaid_close(prepaid_core* core) {
  try {
    delete core;
  } catch (...) {  // a destructor that throws must not take the server down
  }
}

int prepaid_find_account(prepaid_core* core, const prepaid_request* request,
                         prepaid_lookup* lookup) {
  if (!core || !request || !lookup) return PREPAID_E_INVALID;
  lookup->found = 0;
  lookup->password[0] = '\0';
  lookup->card = nullptr;
  return guarded_access(lookup->reply, [&] {
    std::optional<prepaid::radius::AuthorizeCarry> carry;
    prepaid::radius::PinProof proof;
    if (request->password)
      proof.password = std::string_view(request->password, request->password_length);
    if (request->chap_password && request->chap_challenge) {
      proof.chap = prepaid::billing::ChapResponse::from(
          {reinterpret_cast<const char*>(request->chap_password), request->chap_password_length},
          {reinterpret_cast<const char*>(request->chap_challenge), request->chap_challenge_length});
    }
    const RequestView view(*request);
    if (auto response = view.text(0, prepaid::radius::attr::kDigestResponse)) {
      const auto attributes = view.texts(0, prepaid::radius::attr::kDigestAttributes);
      proof.digest = prepaid::billing::DigestResponse::from(*response, attributes);
    }
    core->core.lookup(view, proof, *lookup, carry);
    if (carry) lookup->card = new prepaid_card_read{std::move(*carry)};
  });
}

int prepaid_authorize(prepaid_core* core, const prepaid_request* request,
                      const prepaid_card_read* card, prepaid_reply* reply) {
  if (!core || !request || !reply) return PREPAID_E_INVALID;
  return guarded_access(*reply, [&] {
    core->core.authorize(RequestView(*request), card ? &card->carry : nullptr, *reply);
  });
}

void prepaid_card_read_free(prepaid_card_read* card) {
  delete card;
}

int prepaid_refuse_authentication(prepaid_core* core, const prepaid_request* request,
                                  const prepaid_card_read* card, prepaid_reply* reply) {
  if (!core || !request || !reply) return PREPAID_E_INVALID;
  return guarded_access(*reply, [&] {
    core->core.refuse_authentication(RequestView(*request), card ? &card->carry : nullptr, *reply);
  });
}

int prepaid_record_accounting(prepaid_core* core, const prepaid_request* request,
                              prepaid_accounting* result) {
  if (!core || !request || !result) return PREPAID_E_INVALID;
  result->outcome = PREPAID_ACCT_IGNORED;
  result->log_level = PREPAID_LOG_NONE;
  result->log[0] = '\0';
  try {
    core->core.account(RequestView(*request), *result);
    return PREPAID_OK;
  } catch (const prepaid::radius::ServiceUnavailable& e) {
    copy_message(*result, PREPAID_LOG_ERROR, std::string("database unavailable: ") + e.what());
    return PREPAID_E_UNAVAILABLE;
  } catch (const std::exception& e) {
    copy_message(*result, PREPAID_LOG_ERROR, std::string("internal error: ") + e.what());
    return PREPAID_E_INTERNAL;
  } catch (...) {
    copy_message(*result, PREPAID_LOG_ERROR, "internal error: unknown exception");
    return PREPAID_E_INTERNAL;
  }
}

}  // extern "C"
