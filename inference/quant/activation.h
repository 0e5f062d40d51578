// Activation rounding as done by the reference runtime's CPU backend.
//
// ggml's CPU matrix products do not multiply stored weights with float
// activations: each weight type has a "vec_dot_type" and the activations are
// first converted to it — F16 for F16 weights, BF16 for BF16, 8-bit blocks
// of 32 (Q8_0/Q8_1) for the legacy quants and of 256 (Q8_K) for the
// K-quants. The reference logits in ../shared were made that way, and greedy
// continuations of tiny random models are sensitive to it, so the CPU
// reference backend reproduces the rounding: roundActivations() replaces x
// by the values the reference runtime's integer dot products see.
#pragma once

#include "gguf/tensor_type.h"

#include <cstddef>

namespace vela::quant {

// In place on n values (a multiple of the weight type's block size).
void roundActivations(gguf::TensorType weightType, float* x, size_t n);

} // namespace vela::quant
