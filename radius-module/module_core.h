#pragma once
/// @file module_core.h
/// @brief The C++ side of rlm_prepaid: turns requests into billing service calls and their
/// results into replies. prepaid_api.cc wraps it in the C API.

#include "radius-module/module_config.h"
#include "radius-module/prepaid_api.h"
#include "radius-module/request_view.h"

namespace prepaid::radius {

/// Thrown when the database cannot be reached: the request fails, the NAS retransmits.
class ServiceUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief One module instance: its configuration and its connection to the billing services.
class ModuleCore {
 public:
  explicit ModuleCore(ModuleConfig config);

  /// The authorize step (see prepaid_find_account). Throws ServiceUnavailable.
  void lookup(const RequestView& request, prepaid_lookup& out);
  /// The post-auth step after a successful authentication (see prepaid_authorize).
  void authorize(const RequestView& request, prepaid_reply& out);
  /// The post-auth step after a failed authentication (see prepaid_refuse_authentication).
  void refuse_authentication(const RequestView& request, prepaid_reply& out);
  /// The accounting step (see prepaid_record_accounting). Throws ServiceUnavailable.
  void account(const RequestView& request, prepaid_accounting& out);

  const ModuleConfig& config() const { return config_; }

 private:
  ModuleConfig config_;
};

}  // namespace prepaid::radius
