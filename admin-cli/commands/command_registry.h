#pragma once
/// @file command_registry.h
/// @brief The registration function of every command file (one command per file); the
/// table all_commands() lists them in help order.

#include "admin-cli/command/command.h"

namespace prepaid::cli {

Command db_init_command();
Command db_upgrade_command();
Command db_version_command();

Command cards_create_command();
Command cards_list_command();
Command cards_show_command();
Command cards_recharge_command();
Command cards_adjust_command();
Command cards_enable_command();
Command cards_disable_command();
Command cards_drop_command();
Command cards_set_pin_command();
Command cards_activate_command();
Command cards_touch_command();
Command cards_unlock_command();
Command cards_configure_command();
Command cards_ledger_command();
Command cards_ledger_check_command();

Command batches_list_command();
Command batches_show_command();

Command tariffs_create_command();
Command tariffs_update_command();
Command tariffs_list_command();
Command tariffs_import_command();
Command tariffs_export_command();
Command tariffs_quote_command();

Command pricelists_import_command();
Command pricelists_export_command();
Command pricelists_list_command();
Command pricelists_remove_command();

Command rates_list_command();
Command rates_set_command();
Command rates_remove_command();

Command rules_add_command();
Command rules_list_command();
Command rules_remove_command();

Command holidays_add_command();
Command holidays_list_command();
Command holidays_remove_command();

Command calls_list_command();
Command calls_export_command();
Command calls_summary_command();
Command online_command();
Command calls_disconnect_command();
Command calls_disconnects_command();

Command nas_add_command();
Command nas_list_command();
Command nas_configure_command();
Command nas_remove_command();

Command shops_add_command();
Command shops_list_command();
Command shops_show_command();
Command shops_configure_command();
Command booths_add_command();
Command booths_list_command();
Command booths_show_command();
Command booths_enable_command();
Command booths_disable_command();
Command booths_open_command();
Command booths_close_command();
Command booths_stop_command();
Command upstream_config_command();
Command upstream_recharge_command();
Command upstream_show_command();
Command upstream_check_command();
Command operators_set_shop_command();
Command shifts_open_command();
Command shifts_close_command();
Command shifts_show_command();
Command shifts_list_command();
Command cash_in_command();
Command cash_out_command();
Command booths_pay_command();
Command booths_calls_command();
Command calls_unserved_command();
Command calls_unserved_undo_command();
Command payments_list_command();
Command payments_undo_command();
Command receipts_list_command();
Command receipts_show_command();

Command operators_add_command();
Command operators_set_role_command();
Command operators_set_password_command();
Command operators_set_language_command();
Command operators_remove_command();
Command operators_list_command();

Command tokens_create_command();
Command tokens_revoke_command();
Command tokens_list_command();

Command audit_list_command();

}  // namespace prepaid::cli
