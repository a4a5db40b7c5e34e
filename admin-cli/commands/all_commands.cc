// The command table: every command of prepaidctl and the API, in help order.
#include "admin-cli/commands/command_registry.h"

namespace prepaid::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> table = {
      db_init_command(),           db_upgrade_command(),         db_version_command(),
      cards_create_command(),      cards_list_command(),         cards_show_command(),
      cards_recharge_command(),    cards_adjust_command(),       cards_enable_command(),
      cards_disable_command(),     cards_drop_command(),         cards_set_pin_command(),
      cards_activate_command(),    cards_touch_command(),        cards_unlock_command(),
      cards_configure_command(),   cards_ledger_command(),       cards_ledger_check_command(),
      batches_list_command(),      batches_show_command(),       tariffs_create_command(),
      tariffs_update_command(),    tariffs_list_command(),       tariffs_import_command(),
      tariffs_export_command(),    tariffs_quote_command(),      pricelists_import_command(),
      pricelists_export_command(), pricelists_list_command(),    pricelists_remove_command(),
      rates_list_command(),        rates_set_command(),          rates_remove_command(),
      rules_add_command(),         rules_list_command(),         rules_remove_command(),
      holidays_add_command(),      holidays_list_command(),      holidays_remove_command(),
      calls_list_command(),        calls_export_command(),       online_command(),
      calls_disconnect_command(),  calls_disconnects_command(),  nas_add_command(),
      nas_list_command(),          nas_configure_command(),      nas_remove_command(),
      operators_add_command(),     operators_set_role_command(), operators_remove_command(),
      operators_list_command(),    tokens_create_command(),      tokens_revoke_command(),
      tokens_list_command(),       audit_list_command(),         operators_set_shop_command(),
      shops_add_command(),         shops_list_command(),         shops_show_command(),
      shops_configure_command(),   booths_add_command(),         booths_list_command(),
      booths_show_command(),       booths_enable_command(),      booths_disable_command(),
      booths_open_command(),       booths_close_command(),       shifts_open_command(),
      shifts_close_command(),      shifts_show_command(),        shifts_list_command(),
      cash_in_command(),           cash_out_command(),           operators_set_password_command(),
      booths_pay_command(),        calls_unserved_command(),     calls_unserved_undo_command(),
      payments_list_command(),     payments_undo_command(),      receipts_list_command(),
      receipts_show_command(),     booths_stop_command(),        upstream_config_command(),
      upstream_recharge_command(), upstream_show_command(),      upstream_check_command(),
      booths_calls_command(),      calls_summary_command(),
  };
  return table;
}

}  // namespace prepaid::cli
