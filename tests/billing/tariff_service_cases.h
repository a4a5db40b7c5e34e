#pragma once
/// @file tariff_service_cases.h
/// @brief TariffService cases, a template over the store backend.

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "billing/tariffs/tariff_service.h"
#include "card_service_cases.h"
#include "rating/rate_deck_csv.h"
#include "rating/tariff_file.h"

namespace prepaid::billing::testing {

template <class Backend>
struct TariffWorld : CardWorld<Backend> {
  TariffWorld() : tariffs(this->backend.store, this->calls.tariff_cache(), this->clock) {}
  TariffService tariffs;
};

inline TariffRecord spec(std::string name) {
  TariffRecord t;
  t.name = std::move(name);
  t.currency = "EUR";
  t.time_zone = "Europe/Sofia";
  t.base_price_list = "day";
  return t;
}

// Same header, same rates in every list (the store keeps them by prefix, a file in its own
// order), same rules in order, same holidays.
inline bool same_tariff(const rating::Tariff& a, const rating::Tariff& b) {
  if (a.name() != b.name() || !(a.currency() == b.currency()) ||
      a.zone().name() != b.zone().name() || a.base_price_list() != b.base_price_list() ||
      !(a.rounding() == b.rounding()) || !(a.number_plan() == b.number_plan()) ||
      a.rules() != b.rules())
    return false;
  auto sorted_rates = [](const rating::RateDeck& d) {
    auto r = d.rates();
    std::sort(r.begin(), r.end(),
              [](const rating::Rate& x, const rating::Rate& y) { return x.prefix < y.prefix; });
    return r;
  };
  if (a.price_lists().size() != b.price_lists().size()) return false;
  for (const auto& [name, deck] : a.price_lists()) {
    const rating::RateDeck* other = b.price_list(name);
    if (!other || sorted_rates(*deck) != sorted_rates(*other)) return false;
  }
  auto dates = [](const std::vector<rating::Holiday>& h) {
    std::set<std::string> out;
    for (const auto& x : h) out.insert(x.date_text() + "=" + x.name);
    return out;
  };
  return dates(a.holidays()) == dates(b.holidays());
}

TEST_CASE_TEMPLATE_DEFINE("price lists import whole or not at all, and export back", B,
                          tariffs_import) {
  // Proves CSV import validation (every bad line listed, nothing changed) and the round trip.
  TariffWorld<B> w;
  auto created = w.tariffs.create_tariff(admin_actor(), spec("shop"));
  REQUIRE(created);
  CHECK(created->version == 1);
  std::string csv = "prefix,destination,rate,first_increment,increment,buy_rate\n";
  for (int i = 0; i < 3000; ++i)
    csv += std::to_string(3590000 + i) + ",\"Dest " + std::to_string(i) + ", \"\"quoted\"\"\",0." +
           std::to_string(10 + i % 80) + ",60,60,0.01\n";
  std::vector<ImportProgress> reports;
  auto imported =
      w.tariffs.import_price_list(admin_actor(), "shop", "day", csv, EmptyImport::refuse,
                                  [&](const ImportProgress& p) { reports.push_back(p); });
  REQUIRE(imported);
  CHECK(imported->rates == 3000);
  CHECK(imported->tariff_version == 2);
  // Progress: reading reaches every line (3001 with the header), then writing every rate, each
  // stage with growing counts and at most 101 reports.
  auto stage_counts = [&](ImportProgress::Stage stage) {
    std::vector<ImportProgress> of;
    for (const auto& p : reports)
      if (p.stage == stage) of.push_back(p);
    return of;
  };
  const auto reading = stage_counts(ImportProgress::Stage::reading);
  const auto writing = stage_counts(ImportProgress::Stage::writing);
  REQUIRE_FALSE(reading.empty());
  REQUIRE_FALSE(writing.empty());
  CHECK(reports.front().stage == ImportProgress::Stage::reading);
  CHECK(reports.back().stage == ImportProgress::Stage::writing);
  CHECK(reading.back().done == 3001);
  CHECK(reading.back().total == 3001);
  CHECK(writing.back().done == 3000);
  CHECK(writing.back().total == 3000);
  CHECK(reading.size() <= 102);
  CHECK(writing.size() <= 101);
  for (std::size_t i = 1; i < writing.size(); ++i) CHECK(writing[i].done > writing[i - 1].done);
  auto exported = w.tariffs.export_price_list(admin_actor(), "shop", "day");
  REQUIRE(exported);
  auto reparsed = rating::parse_rate_deck_csv(*exported, "day");
  REQUIRE(reparsed.deck);
  auto original = rating::parse_rate_deck_csv(csv, "day");
  CHECK(reparsed.deck->rates() == original.deck->rates());

  const std::string before = dump(*w.backend.store);
  std::string broken = csv + "44,UK,0,60\n4x4,Bad,0.1\n4420,London,abc\n";
  auto refused = w.tariffs.import_price_list(admin_actor(), "shop", "day", broken);
  REQUIRE_FALSE(refused);
  CHECK(refused.problem().code == ErrorCode::invalid_argument);
  CHECK(refused.problem().details.size() >= 2);
  CHECK(w.tariffs.import_price_list(admin_actor(), "nope", "day", csv).problem().code ==
        ErrorCode::not_found);
  CHECK(w.tariffs.import_price_list(operator_actor(), "shop", "day", csv).problem().code ==
        ErrorCode::forbidden);
  CHECK(dump(*w.backend.store) == before);
  // A CSV of only its header (or of comments and blank lines) would empty the live list:
  // refused about "csv" unless asked for.
  for (const std::string empty :
       {"prefix,destination,rate\n", "prefix,destination,rate\n\n# none\n"}) {
    auto none = w.tariffs.import_price_list(admin_actor(), "shop", "day", empty);
    REQUIRE_FALSE(none);
    CHECK(none.problem().code == ErrorCode::invalid_argument);
    CHECK(none.problem().field == "csv");
    CHECK(none.problem().message.find("no rate lines") != std::string::npos);
  }
  CHECK(dump(*w.backend.store) == before);
  auto page = w.tariffs.rates(operator_actor(), "shop", "day",
                              {.prefix = "359001", .destination = ""}, Page{0, 5});
  REQUIRE(page);
  CHECK(page->size() == 5);
  CHECK(page->at(0).prefix == "3590010");
  auto emptied = w.tariffs.import_price_list(admin_actor(), "shop", "day",
                                             "prefix,destination,rate\n", EmptyImport::allow);
  REQUIRE(emptied);
  CHECK(emptied->rates == 0);
  CHECK(w.tariffs.rates(operator_actor(), "shop", "day", {}, Page{0, 5})->empty());
}

TEST_CASE_TEMPLATE_DEFINE("rate edits, rules and holidays bump the version the calls use", B,
                          tariffs_edit) {
  // Proves every change bumps the version, and the authorization reloads the new tariff.
  TariffWorld<B> w;
  w.add_card("5001", "100", 3);
  CallRequest r = w.request("5001", "4420", "before");
  auto first = w.calls.authorize_call(r);
  REQUIRE(first.code == ReturnCode::ok);
  auto version = [&] { return w.tariffs.list_tariffs(admin_actor())->at(0).version; };
  const auto v0 = version();
  rating::Rate london = make_rate("4420", "London", "0.02");
  REQUIRE(w.tariffs.set_rate(admin_actor(), "retail", "base", london));
  CHECK(version() == v0 + 1);
  r.key.session_id = "after";
  auto second = w.calls.authorize_call(r);
  CHECK(second.code == ReturnCode::ok);
  CHECK(second.destination == "London");
  london.rate = money("-1");
  CHECK(w.tariffs.set_rate(admin_actor(), "retail", "base", london).problem().code ==
        ErrorCode::invalid_argument);
  london.rate = money("0.02");
  london.prefix = "+44";
  CHECK(w.tariffs.set_rate(admin_actor(), "retail", "base", london).problem().code ==
        ErrorCode::invalid_argument);
  REQUIRE(w.tariffs.remove_rate(admin_actor(), "retail", "base", "4420"));
  CHECK(w.tariffs.remove_rate(admin_actor(), "retail", "base", "4420").problem().code ==
        ErrorCode::not_found);

  rating::PriceRule weekend;
  weekend.name = "weekend";
  weekend.price_list = "evening";
  weekend.weekdays = *rating::Weekdays::parse("sat,sun");
  REQUIRE(w.tariffs.add_rule(admin_actor(), "retail", weekend));
  CHECK(w.tariffs.add_rule(admin_actor(), "retail", weekend).problem().code == ErrorCode::conflict);
  weekend.name = "x";
  weekend.price_list = "missing";
  CHECK(w.tariffs.add_rule(admin_actor(), "retail", weekend).problem().code ==
        ErrorCode::not_found);
  CHECK(w.tariffs.rules(operator_actor(), "retail")->size() == 2);
  CHECK(w.tariffs.remove_price_list(admin_actor(), "retail", "evening").problem().code ==
        ErrorCode::failed_precondition);
  REQUIRE(w.tariffs.remove_rule(admin_actor(), "retail", "weekend"));

  auto xmas = rating::Holiday::parse_date("12-25");
  REQUIRE(xmas);
  xmas->name = "Christmas";
  REQUIRE(w.tariffs.add_holiday(admin_actor(), "retail", *xmas));
  CHECK(w.tariffs.add_holiday(admin_actor(), "retail", *xmas).problem().code ==
        ErrorCode::conflict);
  CHECK(w.tariffs.holidays(admin_actor(), "retail")->size() == 1);
  REQUIRE(w.tariffs.remove_holiday(admin_actor(), "retail", "12-25"));
  CHECK(w.tariffs.remove_holiday(admin_actor(), "retail", "13-45").problem().code ==
        ErrorCode::invalid_argument);
  CHECK(version() == v0 + 6);
  CHECK(w.audit("tariff.").size() == 6);
}

TEST_CASE_TEMPLATE_DEFINE("buy rates in another currency are kept, shown and quoted in it", B,
                          tariffs_buy_currency) {
  // Proves a price list whose buy prices are in USD on a BGN tariff (the seed's case): the
  // buy currency is stored per rate, exported, set by hand, refused without a buy rate
  // (nothing changed), quoted in USD apart from the BGN total, and never written into a
  // CDR's buy cost, whose amounts are all in the card's currency.
  TariffWorld<B> w;
  TariffRecord bgn = spec("shop");
  bgn.currency = "BGN";
  REQUIRE(w.tariffs.create_tariff(admin_actor(), bgn));
  const std::string csv =
      "prefix,destination,rate,buy_rate,buy_currency\n"
      "359,Bulgaria,0.12,0.021,USD\n"
      "44,United Kingdom,0.30,0.05,\n"
      "33,France,0.30,,\n";
  REQUIRE(w.tariffs.import_price_list(admin_actor(), "shop", "day", csv));
  auto rates = w.tariffs.rates(operator_actor(), "shop", "day", {}, Page{});
  REQUIRE(rates);
  REQUIRE(rates->size() == 3);
  // Searched by destination name: ASCII letters in any case, with the prefix filter too.
  const auto prefixes = [&](const TariffService::RateFilter& filter) {
    auto found = w.tariffs.rates(operator_actor(), "shop", "day", filter, Page{});
    REQUIRE(found);
    std::vector<std::string> out;
    for (const auto& r : *found) out.push_back(r.prefix);
    return out;
  };
  CHECK(prefixes({.prefix = "", .destination = "KINGDOM"}) == std::vector<std::string>{"44"});
  CHECK(prefixes({.prefix = "", .destination = "I"}) == std::vector<std::string>{"359", "44"});
  CHECK(prefixes({.prefix = "3", .destination = "I"}) == std::vector<std::string>{"359"});
  CHECK(prefixes({.prefix = "", .destination = "Mars"}).empty());
  const auto bad = w.tariffs.rates(operator_actor(), "shop", "day",
                                   {.prefix = "", .destination = std::string("Fr\x01")}, Page{});
  REQUIRE_FALSE(bad);
  CHECK(bad.problem().field == "destination");
  CHECK_FALSE(w.tariffs.rates(operator_actor(), "shop", "day",
                              {.prefix = "", .destination = std::string(65, 'a')}, Page{}));
  const auto& bg = rates->at(1);  // by prefix: 33, 359, 44
  CHECK(bg.prefix == "359");
  REQUIRE(bg.buy_currency);
  CHECK(bg.buy_currency->code() == "USD");
  CHECK_FALSE(rates->at(2).buy_currency);
  auto exported = w.tariffs.export_price_list(admin_actor(), "shop", "day");
  REQUIRE(exported);
  CHECK(exported->find("359,Bulgaria,0.12,60,0.00,60,60,0,0.021,USD\n") != std::string::npos);
  CHECK(exported->find("44,United Kingdom,0.30,60,0.00,60,60,0,0.05,\n") != std::string::npos);
  auto file = w.tariffs.export_tariff_file(admin_actor(), "shop");
  REQUIRE(file);
  CHECK(file->find(",USD") != std::string::npos);

  auto quote = w.tariffs.quote(operator_actor(), "shop", "+359888123456", w.clock->now(), 90);
  REQUIRE(quote);
  CHECK(quote->total == money("0.24"));  // 2 minutes at 0.12 BGN
  CHECK(quote->currency.code() == "BGN");
  REQUIRE(quote->buy);
  CHECK(quote->buy->money == money("0.05"));  // 0.042 USD, rounded up to the cent
  CHECK(quote->buy->currency.code() == "USD");
  CHECK_FALSE(quote->buy_cost);

  rating::Rate uk = make_rate("4420", "London", "0.25");
  uk.buy_rate = money("0.02");
  uk.buy_currency = rating::Currency::from_code("GBP");
  auto set = w.tariffs.set_rate(admin_actor(), "shop", "day", uk);
  REQUIRE(set);
  CHECK(set->buy_currency->code() == "GBP");
  CHECK(w.audit("tariff.set_rate").front().after.find("\"buy_currency\":\"GBP\"") !=
        std::string::npos);

  const std::string before = dump(*w.backend.store);
  rating::Rate orphan = make_rate("4421", "London 2", "0.25");
  orphan.buy_currency = rating::Currency::from_code("USD");
  auto refused = w.tariffs.set_rate(admin_actor(), "shop", "day", orphan);
  REQUIRE_FALSE(refused);
  CHECK(refused.problem().field == "buy_currency");
  auto bad_csv = w.tariffs.import_price_list(admin_actor(), "shop", "day",
                                             "prefix,destination,rate,buy_currency\n"
                                             "359,Bulgaria,0.12,USD\n");
  REQUIRE_FALSE(bad_csv);
  CHECK(bad_csv.problem().details.at(0).find("buy_currency") != std::string::npos);
  CHECK(dump(*w.backend.store) == before);

  // A call rated on a list with a USD buy rate: the CDR (in EUR) keeps the buy cost in USD.
  REQUIRE(w.tariffs.import_price_list(admin_actor(), "retail", "base",
                                      "prefix,destination,rate,buy_rate,buy_currency\n"
                                      "44,United Kingdom,0.10,0.03,USD\n"
                                      "4477,UK Mobile,0.30,0.05,\n"));
  w.add_card("6101", "5");
  auto call = [&](const char* number, const std::string& session) {
    REQUIRE(w.calls.authorize_call(w.request("6101", number, session)).code == ReturnCode::ok);
    auto stop = w.event(AccountingKind::stop, session, 61);
    stop.connect_at = w.clock->now();
    REQUIRE(w.calls.record_accounting(stop).charged > money("0"));
    auto tx = w.backend.store->begin();
    auto cdr = tx->find_cdr(SessionKey{"10.0.0.1", session});
    tx->commit();
    REQUIRE(cdr);
    return *cdr;
  };
  const Cdr in_usd = call("00442079460000", "b1");
  CHECK(in_usd.buy_cost == money("0.06"));  // 0.03 × 120 s / 60, in USD
  CHECK(in_usd.buy_currency == "USD");
  CHECK(in_usd.price == money("0.20"));  // the EUR price, nothing of the USD cost added
  const Cdr in_eur = call("00447712345678", "b2");
  CHECK(in_eur.buy_cost == money("0.10"));  // 0.05 × 120 s / 60, EUR
  CHECK(in_eur.buy_currency == "EUR");
}

TEST_CASE_TEMPLATE_DEFINE("a quote equals what the Stop debits", B, tariffs_quote) {
  // Proves the quote and the charge are the same computation on the same stored tariff.
  TariffWorld<B> w;
  w.add_card("6001", "50");
  const char* number = "00447712345678";
  for (std::uint32_t duration : {1u, 29u, 31u, 95u, 601u}) {
    const std::string session = "q" + std::to_string(duration);
    const rating::Instant start = w.clock->now();
    auto quote = w.tariffs.quote(operator_actor(), "retail", number, start, duration);
    REQUIRE(quote);
    auto d = w.calls.authorize_call(w.request("6001", number, session));
    REQUIRE(d.code == ReturnCode::ok);
    auto s = w.event(AccountingKind::start, session);
    s.connect_at = start;
    w.calls.record_accounting(s);
    auto stop = w.event(AccountingKind::stop, session, duration);
    stop.connect_at = start;
    auto charged = w.calls.record_accounting(stop);
    CAPTURE(duration);
    CHECK(charged.charged == quote->total);
    CHECK(charged.billed_s == quote->billed_s);
  }
  auto grant =
      w.tariffs.quote_grant(operator_actor(), "retail", number, w.clock->now(), money("1"), 3600);
  REQUIRE(grant);
  CHECK(grant->seconds > 0);
  CHECK(w.tariffs.quote(operator_actor(), "retail", "99999", w.clock->now(), 60).problem().code ==
        ErrorCode::not_found);
  CHECK(w.tariffs.quote(operator_actor(), "retail", "12a", w.clock->now(), 60).problem().code ==
        ErrorCode::invalid_argument);
  CHECK(w.tariffs.quote(operator_actor(), "nope", "4420", w.clock->now(), 60).problem().code ==
        ErrorCode::not_found);
}

TEST_CASE_TEMPLATE_DEFINE("a tariff file imports whole, replaces, and exports back", B,
                          tariffs_file) {
  // Proves import/export of complete tariffs (the demo file), and replacement in one step.
  TariffWorld<B> w;
  auto demo = rating::load_tariff_file(PREPAID_SOURCE_DIR "/examples/tariffs/demo.tariff");
  REQUIRE(demo.tariff);
  const std::string text = rating::format_tariff_text(*demo.tariff);
  auto imported = w.tariffs.import_tariff_file(admin_actor(), text);
  REQUIRE(imported);
  CHECK(imported->name == demo.tariff->name());
  auto exported = w.tariffs.export_tariff_file(operator_actor(), imported->name);
  REQUIRE(exported);
  auto reparsed = rating::parse_tariff_text(*exported);
  REQUIRE(reparsed.tariff);
  CHECK(same_tariff(*reparsed.tariff, *demo.tariff));
  CHECK(w.tariffs.price_lists(admin_actor(), imported->name)->size() ==
        demo.tariff->price_lists().size());
  // Importing again replaces, bumps the version, and keeps the currency.
  auto again = w.tariffs.import_tariff_file(admin_actor(), text);
  REQUIRE(again);
  CHECK(again->version == 2);
  std::string usd = text;
  usd.replace(usd.find("currency = EUR"), 14, "currency = USD");
  CHECK(w.tariffs.import_tariff_file(admin_actor(), usd).problem().code ==
        ErrorCode::currency_mismatch);
  CHECK(w.tariffs.import_tariff_file(admin_actor(), "[tariff]\nname = x\n").problem().code ==
        ErrorCode::invalid_argument);
}

TEST_CASE_TEMPLATE_DEFINE("a rule whose time ends where it starts is refused; stored ones are days",
                          B, tariffs_rule_time) {
  // Proves add_rule refuses a range built with equal ends (10:00-10:00, 00:00-00:00; it was
  // stored, and read as the whole day) or starting at 24:00, naming "time" in the tariff file's
  // words and changing nothing; a rule without a time is the whole day; and rules stored with
  // equal ends before (0..0 was how a rule without a time was stored) still price every hour
  // with their list and export as whole-day rules.
  TariffWorld<B> w;
  const std::string before = dump(*w.backend.store);
  rating::PriceRule rule;
  rule.name = "same";
  rule.price_list = "evening";
  for (const auto& [range, text] : std::vector<std::pair<rating::TimeOfDayRange, std::string>>{
           {{36000, 36000}, "10:00-10:00"}, {{0, 0}, "00:00-00:00"}}) {
    CAPTURE(text);
    rule.time = range;
    auto refused = w.tariffs.add_rule(admin_actor(), "retail", rule);
    REQUIRE_FALSE(refused);
    CHECK(refused.problem().code == ErrorCode::invalid_argument);
    CHECK(refused.problem().field == "time");
    CHECK(refused.problem().message ==
          "time: " + text +
              " ends where it starts, which could mean no time or the whole day: write "
              "00:00-24:00 (or leave the time out) for the whole day");
  }
  rule.time = rating::TimeOfDayRange{86400, 3600};
  CHECK(w.tariffs.add_rule(admin_actor(), "retail", rule).problem().field == "time");
  CHECK(dump(*w.backend.store) == before);

  rule.time = {};  // no time given: the whole day
  REQUIRE(w.tariffs.add_rule(admin_actor(), "retail", rule));
  auto stored = w.tariffs.rules(admin_actor(), "retail");
  REQUIRE(stored);
  REQUIRE(stored->size() == 2);
  CHECK(stored->at(1).time.whole_day());
  REQUIRE(w.tariffs.remove_rule(admin_actor(), "retail", "same"));

  // Old data: rules written straight to the store with equal ends, as earlier versions did.
  const rating::Instant noon = at(kT0);  // 12:00 UTC: outside the 18:00-08:00 evening rule
  auto uk_minute = [&](rating::Instant start) {
    auto price = w.tariffs.quote(operator_actor(), "retail", "442079460000", start, 60);
    REQUIRE(price);
    return price->total;
  };
  CHECK(uk_minute(noon) == money("0.10"));  // the base list
  for (const rating::TimeOfDayRange old :
       {rating::TimeOfDayRange{0, 0}, rating::TimeOfDayRange{36000, 36000}}) {
    CAPTURE(old.from_s);
    {
      auto tx = w.backend.store->begin();
      const auto t = tx->find_tariff("retail");
      REQUIRE(t);
      tx->delete_rule(t->id, "legacy");
      rating::PriceRule legacy;
      legacy.name = "legacy";
      legacy.price_list = "evening";
      legacy.time = old;
      tx->insert_rule(t->id, legacy);
      tx->bump_tariff_version(t->id, noon);
      tx->commit();
    }
    for (std::int64_t hour : {0, 9, 10, 12, 23}) {
      CAPTURE(hour);
      CHECK(uk_minute(at(kT0 + (hour - 12) * 3600)) == money("0.05"));  // the evening list
    }
    auto file = w.tariffs.export_tariff_file(operator_actor(), "retail");
    REQUIRE(file);
    const auto legacy_at = file->find("[rule legacy]");
    REQUIRE(legacy_at != std::string::npos);
    CHECK(file->find("time =", legacy_at) == std::string::npos);  // whole day: no time line
    auto reread = rating::parse_tariff_text(*file);
    CHECK(reread.tariff);
  }
}

TEST_CASE_TEMPLATE_DEFINE("tariff, price-list and rule names are labels, refused naming the field",
                          B, tariffs_labels) {
  // Proves billing/label.h is applied to every name the tariff and card services store.
  TariffWorld<B> w;
  const std::string before = dump(*w.backend.store);
  auto field_of = [](const auto& result) {
    REQUIRE_FALSE(result);
    CHECK(result.problem().code == ErrorCode::invalid_argument);
    return result.problem().field;
  };
  for (const std::string& bad :
       std::vector<std::string>{"../../etc/passwd", "Demo call shop", "", ".hidden", "-x", "a/b",
                                "tab\there", "caf\xc3\xa9", std::string(65, 'a')}) {
    CAPTURE(bad);
    CHECK(field_of(w.tariffs.create_tariff(admin_actor(), spec(bad))) == "name");
    auto base = spec("shop");
    base.base_price_list = bad;
    CHECK(field_of(w.tariffs.create_tariff(admin_actor(), base)) == "base_price_list");
    CHECK(field_of(w.tariffs.import_price_list(admin_actor(), "retail", bad,
                                               "prefix,destination,rate\n44,UK,0.1\n")) == "list");
    rating::PriceRule rule;
    rule.name = bad;
    rule.price_list = "base";
    rule.weekdays = *rating::Weekdays::parse("sat,sun");
    CHECK(field_of(w.tariffs.add_rule(admin_actor(), "retail", rule)) == "name");
    rule.name = "weekend";
    rule.price_list = bad;
    CHECK(field_of(w.tariffs.add_rule(admin_actor(), "retail", rule)) == "price_list");
    BatchRequest batch;
    batch.count = 1;
    batch.amount = money("1");
    batch.currency = "EUR";
    batch.tariff = bad;
    CHECK(field_of(w.cards.create_batch(admin_actor(), batch)) == "tariff");
  }
  // A tariff file's names: the tariff's, a price list's, a rule's.
  const std::string file =
      "[tariff]\nname = T\ncurrency = EUR\nzone = Europe/Sofia\nbase = day\n"
      "[pricelist day]\nprefix,destination,rate\n44,UK,0.1\n"
      "[rule night]\npricelist = day\nweekdays = all\ntime = 22:00-06:00\n";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"name = T", "name = Demo call shop"},
           {"[pricelist day]",
            "[pricelist day]\nprefix,destination,rate\n1,X,0.1\n[pricelist a b]"},
           {"[rule night]", "[rule late night]"}}) {
    std::string text = file;
    text.replace(text.find(from), from.size(), to);
    CAPTURE(text);
    CHECK(field_of(w.tariffs.import_tariff_file(admin_actor(), text)) == "file");
  }
  CHECK(dump(*w.backend.store) == before);
  // Labels at their limits are taken.
  const std::string longest(64, 'z');
  REQUIRE(w.tariffs.create_tariff(admin_actor(), spec(longest)));
  REQUIRE(w.tariffs.create_tariff(admin_actor(), spec("9.shop_v-2")));
  const auto card = w.add_card("7001", "1");
  CardSettings settings;
  settings.tariff = "../retail";
  CHECK(field_of(w.cards.configure(admin_actor(), card.number, settings)) == "tariff");
}

}  // namespace prepaid::billing::testing
