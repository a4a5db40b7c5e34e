#pragma once
/// @file nas_service.h
/// @brief NasService: the per-NAS dynamic-authorization settings (prepaidctl nas …).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/clock.h"
#include "billing/disconnect/nas_client.h"
#include "billing/operators/actor.h"
#include "billing/result.h"
#include "billing/store/store.h"

namespace prepaid::billing {

/// @brief What `nas configure` changes (absent = unchanged).
struct NasChange {
  std::optional<std::string> dae_address;
  std::optional<std::uint16_t> dae_port;
  std::optional<std::string> secret;
};

/// @brief Adds, changes, removes and lists NAS clients. Changes are for administrators and
/// audited (the secret masked); the list is for staff. No answer ever carries a secret.
class NasService {
 public:
  explicit NasService(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock = nullptr,
                      int max_attempts = 5);

  /// `nas` and `dae_address` are IP addresses; the port 1..65535; the secret 1..128
  /// printable ASCII characters. Conflict when the NAS is already configured.
  Result<NasClient> add(const Actor& actor, NasClient nas);
  Result<NasClient> configure(const Actor& actor, std::string_view nas, const NasChange& change);
  Result<NasClient> remove(const Actor& actor, std::string_view nas);
  /// By NAS address; secrets empty.
  Result<std::vector<NasClient>> list(const Actor& actor);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  int max_attempts_;
};

/// Whether `text` is an IPv4 or IPv6 address in the form inet_pton reads.
bool is_ip_address(std::string_view text);

}  // namespace prepaid::billing
