#include "billing/shops/counter_access.h"

#include <optional>
#include <string>

namespace prepaid::billing {

Problem not_your_shop(const Actor& actor, std::string_view shop) {
  return refuse(ErrorCode::forbidden,
                "operator '" + actor.name + "' does not work at shop '" + std::string(shop) + "'");
}

Result<Shop> counter_shop(Transaction& tx, const Actor& actor, std::string_view name) {
  std::optional<ShopId> own;
  if (auto op = tx.find_operator(actor.name)) own = op->shop_id;
  std::optional<Shop> shop;
  if (!name.empty()) {
    shop = tx.find_shop(name);
    if (!shop)
      return refuse(ErrorCode::not_found, "no shop '" + std::string(name) + "'").about("shop");
  } else if (own) {
    shop = tx.find_shop(*own);
  }
  if (!shop)
    return refuse(ErrorCode::invalid_argument,
                  "'" + actor.name + "' works no shop: say which (--shop)")
        .about("shop");
  if (actor.role == Role::operator_ && own != shop->id) return not_your_shop(actor, shop->name);
  return *shop;
}

Result<Shift> open_shift_at(Transaction& tx, const Actor& actor, const Shop& shop) {
  auto shift = tx.open_shift(shop.id, actor.name);
  if (!shift)
    return refuse(
        ErrorCode::failed_precondition,
        "'" + actor.name + "' has no open shift at shop '" + shop.name + "': open one first");
  return *shift;
}

bool may_read_shop(Transaction& tx, const Actor& actor, ShopId shop) {
  if (actor.role != Role::operator_) return true;
  auto op = tx.find_operator(actor.name);
  return op && op->shop_id == shop;
}

}  // namespace prepaid::billing
