#pragma once
/// @file request_fixture.h
/// @brief Builds prepaid_request values in tests, as the C shim would from a packet.

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "radius-module/prepaid_api.h"

namespace prepaid::radius::testing {

/// @brief Owns the attribute values; request() points into them.
class RequestFixture {
 public:
  RequestFixture& text(unsigned vendor, unsigned number, std::string value) {
    strings_.push_back(std::move(value));
    attrs_.push_back(
        {vendor, number, PREPAID_ATTR_TEXT, 0, strings_.back().data(), strings_.back().size()});
    return *this;
  }
  RequestFixture& integer(unsigned vendor, unsigned number, std::uint32_t value,
                          prepaid_attr_kind kind = PREPAID_ATTR_INTEGER) {
    attrs_.push_back({vendor, number, kind, value, nullptr, 0});
    return *this;
  }
  RequestFixture& client(std::string address) {
    client_ = std::move(address);
    return *this;
  }
  RequestFixture& received_us(std::int64_t us) {
    received_us_ = us;
    return *this;
  }
  const prepaid_request& request() {
    request_ = prepaid_request{};  // no password, no CHAP answer
    request_.attrs = attrs_.data();
    request_.count = attrs_.size();
    request_.client_address = client_.c_str();
    request_.received_us = received_us_;
    return request_;
  }

 private:
  std::deque<std::string> strings_;  // stable addresses
  std::vector<prepaid_attr> attrs_;
  std::string client_ = "127.0.0.1";
  std::int64_t received_us_ = 1'700'000'000'000'000;
  prepaid_request request_{};
};

}  // namespace prepaid::radius::testing
