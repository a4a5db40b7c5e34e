// Stable text forms of the billing enums (stored in the database and shown by the API).
#include <utility>

#include "billing/calls/accounting_event.h"
#include "billing/operators/actor.h"
#include "billing/cards/card.h"
#include "billing/enum_names.h"
#include "billing/cards/ledger_entry.h"
#include "billing/calls/reservation.h"
#include "billing/result.h"
#include "billing/return_code.h"

namespace prepaid::billing {
namespace {

using P = std::pair<ReturnCode, std::string_view>;
constexpr auto kReturnCodes = enum_names<ReturnCode>(
    P{ReturnCode::ok, "OK"}, P{ReturnCode::invalid_account, "INVALID_ACCOUNT"},
    P{ReturnCode::invalid_pin, "INVALID_PIN"}, P{ReturnCode::in_use, "IN_USE"},
    P{ReturnCode::zero_balance, "ZERO_BALANCE"}, P{ReturnCode::expired, "EXPIRED"},
    P{ReturnCode::credit_limit, "CREDIT_LIMIT"}, P{ReturnCode::disabled, "DISABLED"},
    P{ReturnCode::service_unavailable, "SERVICE_UNAVAILABLE"},
    P{ReturnCode::destination_blocked, "DESTINATION_BLOCKED"},
    P{ReturnCode::retries_exceeded, "RETRIES_EXCEEDED"},
    P{ReturnCode::invalid_argument, "INVALID_ARGUMENT"},
    P{ReturnCode::insufficient_balance, "INSUFFICIENT_BALANCE"});

using R = std::pair<Role, std::string_view>;
constexpr auto kRoles =
    enum_names<Role>(R{Role::operator_, "operator"}, R{Role::administrator, "administrator"},
                     R{Role::system, "system"});

using S = std::pair<CardStatus, std::string_view>;
constexpr auto kStatuses =
    enum_names<CardStatus>(S{CardStatus::new_, "new"}, S{CardStatus::active, "active"},
                           S{CardStatus::disabled, "disabled"}, S{CardStatus::expired, "expired"},
                           S{CardStatus::dropped, "dropped"});

using K = std::pair<CardKind, std::string_view>;
constexpr auto kKinds = enum_names<CardKind>(K{CardKind::card, "card"}, K{CardKind::booth, "booth"},
                                             K{CardKind::account, "account"});

using A = std::pair<ActivationMode, std::string_view>;
constexpr auto kActivations = enum_names<ActivationMode>(
    A{ActivationMode::first_use, "first_use"}, A{ActivationMode::manual, "manual"},
    A{ActivationMode::at_creation, "at_creation"});

using L = std::pair<LedgerKind, std::string_view>;
constexpr auto kLedgerKinds = enum_names<LedgerKind>(
    L{LedgerKind::batch_load, "batch_load"}, L{LedgerKind::recharge, "recharge"},
    L{LedgerKind::call_charge, "call_charge"}, L{LedgerKind::refund, "refund"},
    L{LedgerKind::adjustment, "adjustment"});

using RS = std::pair<ReservationState, std::string_view>;
constexpr auto kReservationStates = enum_names<ReservationState>(
    RS{ReservationState::reserved, "reserved"}, RS{ReservationState::started, "started"},
    RS{ReservationState::settled, "settled"}, RS{ReservationState::released, "released"},
    RS{ReservationState::expired, "expired"});

using AK = std::pair<AccountingKind, std::string_view>;
constexpr auto kAccountingKinds = enum_names<AccountingKind>(
    AK{AccountingKind::start, "start"}, AK{AccountingKind::interim, "interim"},
    AK{AccountingKind::stop, "stop"}, AK{AccountingKind::accounting_on, "accounting_on"},
    AK{AccountingKind::accounting_off, "accounting_off"});

using AO = std::pair<AccountingOutcome, std::string_view>;
constexpr auto kOutcomes = enum_names<AccountingOutcome>(
    AO{AccountingOutcome::recorded, "recorded"}, AO{AccountingOutcome::duplicate, "duplicate"},
    AO{AccountingOutcome::no_reservation, "no_reservation"},
    AO{AccountingOutcome::sessions_closed, "sessions_closed"},
    AO{AccountingOutcome::refused, "refused"});

using E = std::pair<ErrorCode, std::string_view>;
constexpr auto kErrorCodes = enum_names<ErrorCode>(
    E{ErrorCode::invalid_argument, "invalid_argument"}, E{ErrorCode::not_found, "not_found"},
    E{ErrorCode::forbidden, "forbidden"}, E{ErrorCode::conflict, "conflict"},
    E{ErrorCode::currency_mismatch, "currency_mismatch"},
    E{ErrorCode::failed_precondition, "failed_precondition"});

}  // namespace

std::string_view to_string(ReturnCode code) {
  return kReturnCodes.text(code);
}
std::optional<ReturnCode> parse_return_code(std::string_view text) {
  return kReturnCodes.parse(text);
}
std::string_view to_string(Role role) {
  return kRoles.text(role);
}
std::optional<Role> parse_role(std::string_view text) {
  return kRoles.parse(text);
}
std::string_view to_string(CardStatus status) {
  return kStatuses.text(status);
}
std::string_view to_string(CardKind kind) {
  return kKinds.text(kind);
}
std::string_view to_string(ActivationMode mode) {
  return kActivations.text(mode);
}
std::optional<CardStatus> parse_card_status(std::string_view text) {
  return kStatuses.parse(text);
}
std::optional<CardKind> parse_card_kind(std::string_view text) {
  return kKinds.parse(text);
}
std::optional<ActivationMode> parse_activation_mode(std::string_view text) {
  return kActivations.parse(text);
}
std::string_view to_string(LedgerKind kind) {
  return kLedgerKinds.text(kind);
}
std::optional<LedgerKind> parse_ledger_kind(std::string_view text) {
  return kLedgerKinds.parse(text);
}
std::string_view to_string(ReservationState state) {
  return kReservationStates.text(state);
}
std::optional<ReservationState> parse_reservation_state(std::string_view text) {
  return kReservationStates.parse(text);
}
std::string_view to_string(AccountingKind kind) {
  return kAccountingKinds.text(kind);
}
std::string_view to_string(AccountingOutcome outcome) {
  return kOutcomes.text(outcome);
}
std::string_view to_string(ErrorCode code) {
  return kErrorCodes.text(code);
}

}  // namespace prepaid::billing
