// The SamplingSettings member behind each entry of sampling::fields(), so the
// store, the JSON export and the settings model walk the table instead of
// naming each setting. Values cross as doubles: counts up to 2^31 are exact.
#pragma once

#include "sampling/fields.h"
#include "storage/types.h"

#include <optional>

namespace vela::storage {

// Throw std::logic_error for a field without a member (a table entry added
// without its SamplingSettings member; tst_storage_repository walks them all).
std::optional<double> fieldValue(const SamplingSettings& settings, const sampling::Field& field);
void setFieldValue(SamplingSettings& settings, const sampling::Field& field, std::optional<double> value);

} // namespace vela::storage
