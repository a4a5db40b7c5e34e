#include "mysql/test_database.h"

#include <unistd.h>

#include <atomic>

#include "billing/csprng.h"
#include "billing/store/mysql/schema.h"

namespace prepaid::mysql::testing {
namespace {

std::string unique_name() {
  static std::atomic<int> counter{0};
  return "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
         billing::random_hex(3);
}

}  // namespace

TestDatabase::TestDatabase(bool init_schema)
    : options_(ConnectionOptions::from_env(unique_name())) {
  Schema schema(options_);
  schema.drop_database();
  if (init_schema) schema.init();
}

TestDatabase::~TestDatabase() {
  try {
    Schema(options_).drop_database();
  } catch (...) {
    // A failed drop must not hide the test's own result; the name is unique anyway.
  }
}

}  // namespace prepaid::mysql::testing
