// docs/openapi.json against the router's route table, both directions.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "admin-cli/api/api_server.h"
#include "admin-cli/api/router.h"
#include "admin-cli/command/command.h"

using nlohmann::json;
using prepaid::cli::all_commands;
using prepaid::cli::ParamType;
using prepaid::cli::Router;

namespace {

json openapi() {
  std::ifstream in(PREPAID_SOURCE_DIR "/docs/openapi.json");
  REQUIRE_MESSAGE(in.good(), "cannot read docs/openapi.json");
  return json::parse(in);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// Every parameter name the document gives an operation: path, query, and body fields (a
/// text body counts as the command's raw parameter, named "<body>").
std::set<std::string> documented_params(const json& op) {
  std::set<std::string> names;
  for (const auto& p : op.value("parameters", json::array())) names.insert(p["name"]);
  if (op.contains("requestBody")) {
    for (const auto& [type, content] : op["requestBody"]["content"].items()) {
      if (type == "application/json") {
        for (const auto& [name, schema] : content["schema"]["properties"].items())
          names.insert(name);
      } else {
        names.insert("<body>");
      }
    }
  }
  return names;
}

/// The documented operation, or null.
const json* operation(const json& doc, const std::string& method, const std::string& path) {
  const auto& paths = doc.at("paths");
  const auto item = paths.find(path);
  if (item == paths.end()) return nullptr;
  const auto op = item->find(lower(method));
  return op == item->end() ? nullptr : &*op;
}

}  // namespace

TEST_CASE("every route of the server is in docs/openapi.json, and nothing else is") {
  // Proves the document and the router agree in both directions (method + path).
  const auto doc = openapi();
  const Router router(all_commands());
  std::set<std::string> served;
  for (const auto& r : router.routes()) served.insert(r.method + " " + r.pattern);
  for (const auto& r : prepaid::cli::ApiServer::session_routes()) served.insert(r);
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) documented.insert(upper(method) + " " + path);
  }
  for (const auto& s : served) CHECK_MESSAGE(documented.count(s), "not documented: " << s);
  for (const auto& d : documented) CHECK_MESSAGE(served.count(d), "documented, not served: " << d);
  CHECK(served.size() >= 40);
}

TEST_CASE("each documented operation has exactly the parameters its command reads") {
  // Proves the document's parameters and bodies match the commands (names, both directions).
  const auto doc = openapi();
  const Router router(all_commands());
  for (const auto& r : router.routes()) {
    CAPTURE(r.method);
    CAPTURE(r.pattern);
    const auto* op_ptr = operation(doc, r.method, r.pattern);
    if (!op_ptr) continue;  // reported by the route-table test
    const auto& op = *op_ptr;
    std::set<std::string> expected;
    for (const auto& p : r.command->params) {
      if (p.cli_only) continue;
      expected.insert(p.type == ParamType::raw ? "<body>" : p.name);
    }
    CHECK(documented_params(op) == expected);
  }
}

TEST_CASE("required parameters are required in the document, and every reply has errors") {
  // Proves clients generated from the document send what the server insists on.
  const auto doc = openapi();
  const Router router(all_commands());
  for (const auto& r : router.routes()) {
    CAPTURE(r.method);
    CAPTURE(r.pattern);
    const auto* op_ptr = operation(doc, r.method, r.pattern);
    if (!op_ptr) continue;  // reported by the route-table test
    const auto& op = *op_ptr;
    std::set<std::string> required;
    for (const auto& p : op.value("parameters", json::array()))
      if (p.value("required", false)) required.insert(p["name"]);
    if (op.contains("requestBody") && op["requestBody"]["content"].contains("application/json")) {
      for (const auto& n : op["requestBody"]["content"]["application/json"]["schema"].value(
               "required", json::array()))
        required.insert(n);
    }
    for (const auto& p : r.command->params) {
      if (p.cli_only || p.type == ParamType::raw) continue;
      CHECK_MESSAGE(required.count(p.name) == (p.required ? 1u : 0u), "parameter " << p.name);
    }
    CHECK(op["responses"].contains("401"));
    CHECK(op["responses"].contains("400"));
  }
}
