// Quantizers for Q8_0, Q4_0, Q4_K and Q6_K, used to write test and benchmark
// models (Q4_K + Q6_K make the Q4_K_M mix).
//
// They produce valid blocks of the GGML formats with straightforward
// (round-to-nearest, per-block min/max) choices of scales; they are not
// meant to match the reference quantizer's bits, only its layout.
#pragma once

#include "gguf/tensor_type.h"

#include <cstddef>
#include <vector>

namespace vela::quant {

bool canQuantize(gguf::TensorType type); // F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K

// Quantizes n floats (a multiple of the block size) into the type's blocks.
std::vector<std::byte> quantize(gguf::TensorType type, const float* x, size_t n);

} // namespace vela::quant
