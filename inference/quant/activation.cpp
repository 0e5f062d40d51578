#include "quant/activation.h"

#include "quant/float16.h"

#include <cmath>

namespace vela::quant {

namespace {

// Q8_0 / Q8_1 (quantize_row_q8_0/q8_1 in ggml): per block of 32,
// d = amax / 127 stored as half, q = round(x / d).
void roundQ8_0(float* x, size_t n)
{
    for (size_t b = 0; b < n; b += 32) {
        float amax = 0.0f;
        for (size_t j = 0; j < 32; ++j)
            amax = std::max(amax, std::fabs(x[b + j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        const float dh = halfToFloat(floatToHalf(d));
        for (size_t j = 0; j < 32; ++j)
            x[b + j] = std::nearbyint(x[b + j] * id) * dh;
    }
}

// Q8_K (quantize_row_q8_K): per block of 256, the value of largest magnitude
// maps to -127 (iscale = -127 / max), q clamped at 127, d = 1 / iscale kept
// as a float.
void roundQ8_K(float* x, size_t n)
{
    for (size_t b = 0; b < n; b += 256) {
        float amax = 0.0f, max = 0.0f;
        for (size_t j = 0; j < 256; ++j)
            if (std::fabs(x[b + j]) > amax) {
                amax = std::fabs(x[b + j]);
                max = x[b + j];
            }
        if (amax == 0.0f) {
            for (size_t j = 0; j < 256; ++j)
                x[b + j] = 0.0f;
            continue;
        }
        const float iscale = -127.0f / max;
        const float d = 1.0f / iscale;
        for (size_t j = 0; j < 256; ++j)
            x[b + j] = std::min(127.0f, std::nearbyint(iscale * x[b + j])) * d;
    }
}

} // namespace

void roundActivations(gguf::TensorType weightType, float* x, size_t n)
{
    using T = gguf::TensorType;
    switch (weightType) {
    case T::F32:
        return;
    case T::F16:
        for (size_t i = 0; i < n; ++i)
            x[i] = halfToFloat(floatToHalf(x[i]));
        return;
    case T::BF16:
        for (size_t i = 0; i < n; ++i)
            x[i] = bf16ToFloat(floatToBf16(x[i]));
        return;
    case T::Q4_0: case T::Q4_1: case T::Q5_0: case T::Q5_1: case T::Q8_0:
        return roundQ8_0(x, n);
    case T::Q2_K: case T::Q3_K: case T::Q4_K: case T::Q5_K: case T::Q6_K:
        return roundQ8_K(x, n);
    }
}

} // namespace vela::quant
