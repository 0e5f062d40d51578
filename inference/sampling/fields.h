// The per-conversation generation settings, described once: every layer that
// stores, validates, shows or parses one (the sampler, the conversation store
// and its JSON export, the settings drawer, the prompt builder, vela-cli)
// walks this table, so adding a setting is one entry here (plus its
// translated label in app/viewmodels/chat_settings.cpp, a SamplingSettings member
// with its slot in app/storage/sampling_slots.cpp, and one migration line
// for its SQL column).
//
// Ranges are those the sampler can honour (SamplingParams::validate checks
// them); the store and the UI accept exactly the same, so a saved value is
// never refused when the user sends. Presets: the Qwen3 model card's
// recommended settings, thinking mode T 0.6, top-p 0.95, top-k 20, min-p 0;
// non-thinking mode T 0.7, top-p 0.8, top-k 20, min-p 0; the penalties are
// off in both.
//
// max_tokens and context_length are in the table because they are stored and
// edited with the others, but the sampler never sees them (the runtime does):
// they have no SamplingParams member, no CLI sampling flag (vela-cli has its
// own -n and --ctx, bounded by the model) and no preset (the app decides:
// runtime::kDefaultReplyMaxTokens in runtime/defaults.h, the model's context).
//
// Engine-only parameters (penaltyLastN, mirostat, seed) are not settings a
// user stores; validate() checks them apart.
#pragma once

#include "sampling/sampler.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace vela::sampling {

enum class FieldKind { Real, Integer };

// An interval whose ends may each be open: (0, 1] is 0 < v ≤ 1.
struct Range {
    double min = 0.0;
    double max = 0.0;
    bool minOpen = false;
    bool maxOpen = false;

    bool contains(double v) const; // false for NaN and infinities
    std::string text() const;      // "(0, 1]", "[-100, 100]"
};

// Where the value goes in SamplingParams; monostate for the reply limits.
using FieldMember = std::variant<std::monostate, float SamplingParams::*, int SamplingParams::*>;

struct Field {
    std::string_view key;   // snake_case: the SQL column and the JSON export key ("top_p")
    std::string_view flag;  // the vela-cli option ("--top-p"); empty: not a CLI sampling option
    std::string_view label; // English name in messages and help ("Top-p")
    FieldKind kind;
    Range range;
    std::optional<double> thinking;    // preset in thinking mode; nullopt: decided by the app
    std::optional<double> nonThinking; // preset in non-thinking mode
    FieldMember member;

    bool inSampler() const { return !std::holds_alternative<std::monostate>(member); }
};

// Every field, in the order the drawer and the help list them.
std::span<const Field> fields();
// nullptr when no field has that key.
const Field* findField(std::string_view key);

enum class ValueCheck { Ok, OutOfRange, NotWhole };
// Reals are checked as the float the sampler holds too (1e-50 is above
// top-p's 0 as a double, but 0 as a float).
ValueCheck check(const Field& field, double value);

// Why `value` is not a valid value of the field ("Top-p 0 is outside (0, 1]",
// "Top-k 2.5 is not a whole number"), or nullopt when it is. The same text
// that SamplingParams::validate throws after "sampling: ".
std::optional<std::string> valueError(const Field& field, double value);

// A value for messages: whole numbers in full ("2147483648"), others to 6
// significant digits ("0.95"), so a double and its float print alike.
std::string formatValue(double value);

// The field's value in / into SamplingParams (fields with a member only).
double get(const SamplingParams& params, const Field& field);
void set(SamplingParams& params, const Field& field, double value);

} // namespace vela::sampling
