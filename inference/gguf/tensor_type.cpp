#include "gguf/tensor_type.h"

#include <array>

namespace vela::gguf {
namespace {

// Block sizes from ggml-common.h: e.g. block_q4_K = {half d, half dmin,
// uint8 scales[12], uint8 qs[128]} = 144 bytes for 256 weights.
constexpr std::array<TypeLayout, 13> kSupported = {{
    {TensorType::F32, "F32", 1, 4},
    {TensorType::F16, "F16", 1, 2},
    {TensorType::Q4_0, "Q4_0", 32, 18},   // d, qs[16]
    {TensorType::Q4_1, "Q4_1", 32, 20},   // d, m, qs[16]
    {TensorType::Q5_0, "Q5_0", 32, 22},   // d, qh[4], qs[16]
    {TensorType::Q5_1, "Q5_1", 32, 24},   // d, m, qh[4], qs[16]
    {TensorType::Q8_0, "Q8_0", 32, 34},   // d, qs[32]
    {TensorType::Q2_K, "Q2_K", 256, 84},  // scales[16], qs[64], d, dmin
    {TensorType::Q3_K, "Q3_K", 256, 110}, // hmask[32], qs[64], scales[12], d
    {TensorType::Q4_K, "Q4_K", 256, 144}, // d, dmin, scales[12], qs[128]
    {TensorType::Q5_K, "Q5_K", 256, 176}, // d, dmin, scales[12], qh[32], qs[128]
    {TensorType::Q6_K, "Q6_K", 256, 210}, // ql[128], qh[64], scales[16], d
    {TensorType::BF16, "BF16", 1, 2},
}};

// Names of ggml types Vela reads but does not compute with (ggml.h).
const char* otherTypeName(uint32_t raw)
{
    switch (raw) {
    case 4: return "Q4_2 (removed)";
    case 5: return "Q4_3 (removed)";
    case 9: return "Q8_1";
    case 15: return "Q8_K";
    case 16: return "IQ2_XXS";
    case 17: return "IQ2_XS";
    case 18: return "IQ3_XXS";
    case 19: return "IQ1_S";
    case 20: return "IQ4_NL";
    case 21: return "IQ3_S";
    case 22: return "IQ2_S";
    case 23: return "IQ4_XS";
    case 24: return "I8";
    case 25: return "I16";
    case 26: return "I32";
    case 27: return "I64";
    case 28: return "F64";
    case 29: return "IQ1_M";
    case 31: return "Q4_0_4_4 (removed)";
    case 32: return "Q4_0_4_8 (removed)";
    case 33: return "Q4_0_8_8 (removed)";
    case 34: return "TQ1_0";
    case 35: return "TQ2_0";
    case 39: return "MXFP4";
    default: return nullptr;
    }
}

} // namespace

std::optional<TypeLayout> supportedLayout(uint32_t rawType)
{
    for (const TypeLayout& l : kSupported)
        if (static_cast<uint32_t>(l.type) == rawType)
            return l;
    return std::nullopt;
}

const TypeLayout& layoutOf(TensorType type)
{
    for (const TypeLayout& l : kSupported)
        if (l.type == type)
            return l;
    return kSupported[0]; // unreachable for valid enum values
}

std::string typeName(uint32_t rawType)
{
    if (auto l = supportedLayout(rawType))
        return l->name;
    if (const char* n = otherTypeName(rawType))
        return n;
    return "type " + std::to_string(rawType);
}

} // namespace vela::gguf
