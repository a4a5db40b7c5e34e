#include "radius-module/module_core.h"

#include "radius-module/access_reply.h"
#include "radius-module/attribute_numbers.h"

namespace prepaid::radius {

ModuleCore::ModuleCore(ModuleConfig config) : config_(std::move(config)) {}

void ModuleCore::lookup(const RequestView&, prepaid_lookup&) {
  throw ServiceUnavailable("the billing services are not wired in yet");
}

void ModuleCore::authorize(const RequestView&, prepaid_reply&) {
  throw ServiceUnavailable("the billing services are not wired in yet");
}

void ModuleCore::refuse_authentication(const RequestView&, prepaid_reply& out) {
  AccessReply(out).refuse(return_code::kInvalidPin, {}, PREPAID_LOG_INFO,
                          "authentication failed (wrong PIN)");
}

void ModuleCore::account(const RequestView&, prepaid_accounting&) {
  throw ServiceUnavailable("the billing services are not wired in yet");
}

}  // namespace prepaid::radius
