// Dequantization of GGUF tensor data to float, for every supported type.
//
// The formulas follow ggml's reference dequantize_row_* (ggml-quants.c); the
// unit tests check them on hand-built blocks and against the fixture models
// written by the reference runtime's quantizer.
#pragma once

#include "gguf/tensor_type.h"

#include <cstddef>
#include <cstdint>

namespace vela::quant {

// Dequantizes `n` elements starting at the beginning of `src` (a row or a
// run of whole blocks): n must be a multiple of the type's block size.
void dequantize(gguf::TensorType type, const void* src, float* dst, size_t n);

// Bytes occupied by n elements of the type (n a multiple of the block size).
size_t rowBytes(gguf::TensorType type, size_t n);

// Dot product of one stored row (n elements) with a float vector: the
// reference path for matrix-vector products. Dequantizes in blocks on the
// stack; no allocation.
float dotRow(gguf::TensorType type, const void* row, const float* x, size_t n);

} // namespace vela::quant
