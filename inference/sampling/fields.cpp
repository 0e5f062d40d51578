#include "sampling/fields.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <type_traits>

namespace vela::sampling {

namespace {

// 2^31 - 1: the largest count that stays an int for the engine and the runtime.
constexpr double kMaxCount = 2147483647.0;

// Presets: the Qwen3 model card (see fields.h). Values with a meaning of
// their own: temperature 0 = greedy; top-k 0, top-p 1, min-p 0, repeat
// penalty 1, presence and frequency penalty 0 = off; context length 0 = the
// model's. Repeat penalty (0, 10]: 0 would divide by zero. Top-k at most
// 2^30, vela-cli's bound before this table (a vocabulary is far smaller).
const std::array<Field, 9> kFields{{
    {"temperature", "--temp", "Temperature", FieldKind::Real, {0.0, 100.0}, 0.6, 0.7, &SamplingParams::temperature},
    {"top_k", "--top-k", "Top-k", FieldKind::Integer, {0.0, 1073741824.0}, 20, 20, &SamplingParams::topK},
    {"top_p", "--top-p", "Top-p", FieldKind::Real, {0.0, 1.0, true, false}, 0.95, 0.8, &SamplingParams::topP},
    {"min_p", "--min-p", "Min-p", FieldKind::Real, {0.0, 1.0}, 0.0, 0.0, &SamplingParams::minP},
    {"repeat_penalty", "--repeat-penalty", "Repeat penalty", FieldKind::Real, {0.0, 10.0, true, false}, 1.0, 1.0,
     &SamplingParams::repeatPenalty},
    {"presence_penalty", "--presence-penalty", "Presence penalty", FieldKind::Real, {-100.0, 100.0}, 0.0, 0.0,
     &SamplingParams::presencePenalty},
    {"frequency_penalty", "--frequency-penalty", "Frequency penalty", FieldKind::Real, {-100.0, 100.0}, 0.0, 0.0,
     &SamplingParams::frequencyPenalty},
    {"max_tokens", "", "Max tokens", FieldKind::Integer, {0.0, kMaxCount}, std::nullopt, std::nullopt, {}},
    {"context_length", "", "Context length", FieldKind::Integer, {0.0, kMaxCount}, std::nullopt, std::nullopt, {}},
}};

} // namespace

bool Range::contains(double v) const
{
    if (!std::isfinite(v))
        return false;
    const bool aboveMin = minOpen ? v > min : v >= min;
    const bool belowMax = maxOpen ? v < max : v <= max;
    return aboveMin && belowMax;
}

std::string Range::text() const
{
    return (minOpen ? "(" : "[") + formatValue(min) + ", " + formatValue(max) + (maxOpen ? ")" : "]");
}

std::span<const Field> fields() { return kFields; }

const Field* findField(std::string_view key)
{
    for (const Field& f : kFields)
        if (f.key == key)
            return &f;
    return nullptr;
}

std::string formatValue(double value)
{
    char buf[40];
    // Whole numbers in full (counts up to 2^31); others to a float's precision,
    // so a double and the float the sampler holds print alike.
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", value);
    else
        std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

ValueCheck check(const Field& field, double value)
{
    const bool inRange = field.range.contains(value) &&
                         (field.kind != FieldKind::Real || field.range.contains(double(float(value))));
    if (!inRange)
        return ValueCheck::OutOfRange;
    if (field.kind == FieldKind::Integer && value != std::floor(value))
        return ValueCheck::NotWhole;
    return ValueCheck::Ok;
}

std::optional<std::string> valueError(const Field& field, double value)
{
    const std::string head = std::string(field.label) + " " + formatValue(value);
    switch (check(field, value)) {
    case ValueCheck::Ok: return std::nullopt;
    case ValueCheck::OutOfRange: return head + " is outside " + field.range.text();
    case ValueCheck::NotWhole: return head + " is not a whole number";
    }
    return std::nullopt;
}

double get(const SamplingParams& params, const Field& field)
{
    return std::visit(
        [&](auto member) -> double {
            if constexpr (std::is_same_v<decltype(member), std::monostate>)
                return 0.0;
            else
                return double(params.*member);
        },
        field.member);
}

void set(SamplingParams& params, const Field& field, double value)
{
    std::visit(
        [&](auto member) {
            if constexpr (!std::is_same_v<decltype(member), std::monostate>)
                params.*member = static_cast<std::remove_reference_t<decltype(params.*member)>>(value);
        },
        field.member);
}

} // namespace vela::sampling
