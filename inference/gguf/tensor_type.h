// GGML tensor types as stored in GGUF tensor infos, and their block layouts.
//
// Type ids and block layouts follow ggml's `enum ggml_type` and the block
// structs in ggml-common.h (the GGUF specification defers to them). Only the
// types Vela can dequantize are "supported"; the others are known by name so
// that an error can say "unsupported tensor type IQ2_XXS" instead of "type 16".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vela::gguf {

enum class TensorType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    BF16 = 30,
};

// A block holds `blockElements` consecutive elements of a row in `blockBytes`
// bytes; a row's element count must be a multiple of blockElements.
struct TypeLayout {
    TensorType type;
    const char* name;
    uint32_t blockElements;
    uint32_t blockBytes;
};

// The layout of a supported type, or nullopt for any other raw id.
std::optional<TypeLayout> supportedLayout(uint32_t rawType);
const TypeLayout& layoutOf(TensorType type);

// "Q4_K", or for ids Vela does not support the ggml name ("IQ2_XXS") when
// known, else "type 57".
std::string typeName(uint32_t rawType);
inline std::string typeName(TensorType t) { return typeName(static_cast<uint32_t>(t)); }

} // namespace vela::gguf
