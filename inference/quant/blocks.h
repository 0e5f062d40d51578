// Block structs of the GGML quantization formats, byte for byte as stored in
// GGUF tensor data (ggml-common.h). `d`/`dmin` are IEEE halves stored as
// uint16_t. QK = elements per block.
#pragma once

#include <cstdint>

namespace vela::quant {

inline constexpr int kQK = 32;    // Q4_0, Q4_1, Q5_0, Q5_1, Q8_0
inline constexpr int kQKK = 256;  // K-quants (super-blocks)
inline constexpr int kKScaleBytes = 12;

struct BlockQ4_0 { uint16_t d; uint8_t qs[kQK / 2]; };                       // x = (q - 8) * d
struct BlockQ4_1 { uint16_t d, m; uint8_t qs[kQK / 2]; };                    // x = q * d + m
struct BlockQ5_0 { uint16_t d; uint8_t qh[4]; uint8_t qs[kQK / 2]; };        // x = (q5 - 16) * d
struct BlockQ5_1 { uint16_t d, m; uint8_t qh[4]; uint8_t qs[kQK / 2]; };     // x = q5 * d + m
struct BlockQ8_0 { uint16_t d; int8_t qs[kQK]; };                            // x = q * d

// 16 sub-blocks of 16; 4-bit scale and 4-bit min per sub-block.
struct BlockQ2_K { uint8_t scales[kQKK / 16]; uint8_t qs[kQKK / 4]; uint16_t d, dmin; };
// 16 sub-blocks of 16; 2 low bits in qs, high bit in hmask, 6-bit scales packed in 12 bytes.
struct BlockQ3_K { uint8_t hmask[kQKK / 8]; uint8_t qs[kQKK / 4]; uint8_t scales[12]; uint16_t d; };
// 8 sub-blocks of 32; 6-bit scales and mins packed in 12 bytes.
struct BlockQ4_K { uint16_t d, dmin; uint8_t scales[kKScaleBytes]; uint8_t qs[kQKK / 2]; };
struct BlockQ5_K { uint16_t d, dmin; uint8_t scales[kKScaleBytes]; uint8_t qh[kQKK / 8]; uint8_t qs[kQKK / 2]; };
// 16 sub-blocks of 16; 4 low bits in ql, 2 high bits in qh, signed 8-bit scales.
struct BlockQ6_K { uint8_t ql[kQKK / 2]; uint8_t qh[kQKK / 4]; int8_t scales[kQKK / 16]; uint16_t d; };

static_assert(sizeof(BlockQ4_0) == 18 && sizeof(BlockQ4_1) == 20 && sizeof(BlockQ5_0) == 22 &&
              sizeof(BlockQ5_1) == 24 && sizeof(BlockQ8_0) == 34);
static_assert(sizeof(BlockQ2_K) == 84 && sizeof(BlockQ3_K) == 110 && sizeof(BlockQ4_K) == 144 &&
              sizeof(BlockQ5_K) == 176 && sizeof(BlockQ6_K) == 210);

} // namespace vela::quant
