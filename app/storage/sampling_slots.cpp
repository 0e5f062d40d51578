#include "storage/sampling_slots.h"

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace vela::storage {

namespace {

using RealSlot = std::optional<double> SamplingSettings::*;
using CountSlot = std::optional<std::int64_t> SamplingSettings::*;

struct Slot {
    std::string_view key; // sampling::Field::key
    std::variant<RealSlot, CountSlot> member;
};

const std::array<Slot, 9> kSlots{{
    {"temperature", &SamplingSettings::temperature},
    {"top_k", &SamplingSettings::topK},
    {"top_p", &SamplingSettings::topP},
    {"min_p", &SamplingSettings::minP},
    {"repeat_penalty", &SamplingSettings::repeatPenalty},
    {"presence_penalty", &SamplingSettings::presencePenalty},
    {"frequency_penalty", &SamplingSettings::frequencyPenalty},
    {"max_tokens", &SamplingSettings::maxTokens},
    {"context_length", &SamplingSettings::contextLength},
}};

const Slot& slotOf(const sampling::Field& field)
{
    for (const Slot& s : kSlots)
        if (s.key == field.key)
            return s;
    throw std::logic_error("storage: no SamplingSettings member for " + std::string(field.key));
}

} // namespace

std::optional<double> fieldValue(const SamplingSettings& settings, const sampling::Field& field)
{
    return std::visit(
        [&](auto member) -> std::optional<double> {
            const auto& v = settings.*member;
            return v ? std::optional<double>(double(*v)) : std::nullopt;
        },
        slotOf(field).member);
}

void setFieldValue(SamplingSettings& settings, const sampling::Field& field, std::optional<double> value)
{
    std::visit(
        [&](auto member) {
            auto& slot = settings.*member;
            if (value)
                slot = static_cast<typename std::remove_reference_t<decltype(slot)>::value_type>(*value);
            else
                slot.reset();
        },
        slotOf(field).member);
}

} // namespace vela::storage
