#include "quant/quantize.h"

#include "common/error.h"
#include "quant/blocks.h"
#include "quant/dequantize.h"
#include "quant/float16.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace vela::quant {

namespace {

void quantQ8_0(const float* x, BlockQ8_0* b, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, x += kQK) {
        float amax = 0.0f;
        for (int j = 0; j < kQK; ++j)
            amax = std::max(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        b[i].d = floatToHalf(d);
        for (int j = 0; j < kQK; ++j)
            b[i].qs[j] = int8_t(std::lround(x[j] * id));
    }
}

// Q4_0: the value of largest magnitude maps to -8, so d = max / -8.
void quantQ4_0(const float* x, BlockQ4_0* b, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, x += kQK) {
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < kQK; ++j)
            if (std::fabs(x[j]) > amax) {
                amax = std::fabs(x[j]);
                max = x[j];
            }
        const float d = max / -8.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        b[i].d = floatToHalf(d);
        for (int j = 0; j < kQK / 2; ++j) {
            const int q0 = std::min(15, int(x[j] * id + 8.5f));
            const int q1 = std::min(15, int(x[j + kQK / 2] * id + 8.5f));
            b[i].qs[j] = uint8_t(std::max(0, q0) | (std::max(0, q1) << 4));
        }
    }
}

// Q4_K: per sub-block of 32, x ≈ scale * q - min with q in 0..15; scales and
// mins are themselves 6-bit multiples of the super-block's d and dmin.
void quantQ4_K(const float* x, BlockQ4_K* b, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, x += kQKK) {
        float scales[8], mins[8];
        for (int s = 0; s < 8; ++s) {
            const float* v = x + 32 * s;
            float lo = 0.0f, hi = 0.0f; // the min is clamped at 0 (dmin stays non-negative)
            for (int l = 0; l < 32; ++l) {
                lo = std::min(lo, v[l]);
                hi = std::max(hi, v[l]);
            }
            scales[s] = (hi - lo) / 15.0f;
            mins[s] = -lo;
        }
        const float maxScale = *std::max_element(scales, scales + 8);
        const float maxMin = *std::max_element(mins, mins + 8);
        const float d = maxScale / 63.0f, dmin = maxMin / 63.0f;
        b[i].d = floatToHalf(d);
        b[i].dmin = floatToHalf(dmin);
        const float dq = halfToFloat(b[i].d), dminq = halfToFloat(b[i].dmin);
        uint8_t sc[8], mn[8];
        for (int s = 0; s < 8; ++s) {
            sc[s] = uint8_t(std::clamp(dq > 0 ? int(std::lround(scales[s] / dq)) : 0, 0, 63));
            mn[s] = uint8_t(std::clamp(dminq > 0 ? int(std::lround(mins[s] / dminq)) : 0, 0, 63));
        }
        // Inverse of get_scale_min_k4: 6-bit values, the top 2 bits of entries
        // 4..7 stored in the top bits of bytes 0..7.
        std::memset(b[i].scales, 0, sizeof b[i].scales);
        for (int j = 0; j < 4; ++j) {
            b[i].scales[j] = uint8_t(sc[j] | ((sc[j + 4] >> 4) << 6));
            b[i].scales[j + 4] = uint8_t(mn[j] | ((mn[j + 4] >> 4) << 6));
            b[i].scales[j + 8] = uint8_t((sc[j + 4] & 0x0f) | ((mn[j + 4] & 0x0f) << 4));
        }
        for (int s = 0; s < 8; ++s) {
            const float scale = dq * sc[s], min = dminq * mn[s];
            const float inv = scale > 0 ? 1.0f / scale : 0.0f;
            const float* v = x + 32 * s;
            uint8_t* q = b[i].qs + 32 * (s / 2);
            for (int l = 0; l < 32; ++l) {
                const int qv = std::clamp(int(std::lround((v[l] + min) * inv)), 0, 15);
                if (s % 2 == 0)
                    q[l] = uint8_t(qv);
                else
                    q[l] = uint8_t(q[l] | (qv << 4));
            }
        }
    }
}

// Q6_K: per 16-element group, x ≈ d * scales[g] * (q - 32) with q in 0..63
// and an int8 scale per group. Element e of the super-block (h = e / 128,
// s = (e % 128) / 32, l = e % 32) keeps its low 4 bits in ql[64h + l + 32(s % 2)]
// (low nibble for s < 2, high for s ≥ 2) and its high 2 bits in bits 2s of
// qh[32h + l] (dequantize_row_q6_K in ggml-quants.c, read backwards).
void quantQ6_K(const float* x, BlockQ6_K* b, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, x += kQKK) {
        float groupScale[16];
        for (int g = 0; g < 16; ++g) {
            float amax = 0.0f;
            for (int l = 0; l < 16; ++l)
                amax = std::max(amax, std::fabs(x[16 * g + l]));
            groupScale[g] = amax / 31.0f;
        }
        const float d = *std::max_element(groupScale, groupScale + 16) / 127.0f;
        b[i].d = floatToHalf(d);
        const float dq = halfToFloat(b[i].d);
        std::memset(b[i].ql, 0, sizeof b[i].ql);
        std::memset(b[i].qh, 0, sizeof b[i].qh);
        for (int g = 0; g < 16; ++g)
            b[i].scales[g] = int8_t(std::clamp(dq > 0 ? int(std::lround(groupScale[g] / dq)) : 0, -128, 127));
        for (int e = 0; e < kQKK; ++e) {
            const float scale = dq * b[i].scales[e / 16];
            const int q = std::clamp(scale != 0.0f ? int(std::lround(x[e] / scale)) : 0, -32, 31) + 32;
            const int h = e / 128, s = (e % 128) / 32, l = e % 32;
            uint8_t& low = b[i].ql[64 * h + l + 32 * (s % 2)];
            low = uint8_t(low | ((q & 15) << (s < 2 ? 0 : 4)));
            b[i].qh[32 * h + l] = uint8_t(b[i].qh[32 * h + l] | ((q >> 4) << (2 * s)));
        }
    }
}

} // namespace

bool canQuantize(gguf::TensorType t)
{
    using T = gguf::TensorType;
    return t == T::F32 || t == T::F16 || t == T::BF16 || t == T::Q8_0 || t == T::Q4_0 || t == T::Q4_K ||
           t == T::Q6_K;
}

std::vector<std::byte> quantize(gguf::TensorType type, const float* x, size_t n)
{
    using T = gguf::TensorType;
    const gguf::TypeLayout& l = gguf::layoutOf(type);
    if (!canQuantize(type) || n % l.blockElements != 0)
        throw InvalidInput("cannot quantize " + std::to_string(n) + " values to " + l.name);
    std::vector<std::byte> out(rowBytes(type, n));
    void* dst = out.data();
    switch (type) {
    case T::F32: std::memcpy(dst, x, n * 4); break;
    case T::F16:
        for (size_t i = 0; i < n; ++i)
            static_cast<uint16_t*>(dst)[i] = floatToHalf(x[i]);
        break;
    case T::BF16:
        for (size_t i = 0; i < n; ++i)
            static_cast<uint16_t*>(dst)[i] = floatToBf16(x[i]);
        break;
    case T::Q8_0: quantQ8_0(x, static_cast<BlockQ8_0*>(dst), n / kQK); break;
    case T::Q4_0: quantQ4_0(x, static_cast<BlockQ4_0*>(dst), n / kQK); break;
    case T::Q4_K: quantQ4_K(x, static_cast<BlockQ4_K*>(dst), n / kQKK); break;
    case T::Q6_K: quantQ6_K(x, static_cast<BlockQ6_K*>(dst), n / kQKK); break;
    default: break;
    }
    return out;
}

} // namespace vela::quant
