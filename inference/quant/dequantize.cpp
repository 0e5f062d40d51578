#include "quant/dequantize.h"

#include "quant/blocks.h"
#include "quant/float16.h"

#include <cstring>

namespace vela::quant {

namespace {

void dequantQ4_0(const BlockQ4_0* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, y += kQK) {
        const float d = halfToFloat(b[i].d);
        for (int j = 0; j < kQK / 2; ++j) {
            y[j] = float((b[i].qs[j] & 0x0f) - 8) * d;
            y[j + kQK / 2] = float((b[i].qs[j] >> 4) - 8) * d;
        }
    }
}

void dequantQ4_1(const BlockQ4_1* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, y += kQK) {
        const float d = halfToFloat(b[i].d), m = halfToFloat(b[i].m);
        for (int j = 0; j < kQK / 2; ++j) {
            y[j] = float(b[i].qs[j] & 0x0f) * d + m;
            y[j + kQK / 2] = float(b[i].qs[j] >> 4) * d + m;
        }
    }
}

// Q5: the fifth bit of element j is bit j of the 32-bit qh.
template <typename Block, bool kHasMin>
void dequantQ5(const Block* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, y += kQK) {
        const float d = halfToFloat(b[i].d);
        float m = 0.0f;
        if constexpr (kHasMin)
            m = halfToFloat(b[i].m);
        uint32_t qh;
        std::memcpy(&qh, b[i].qh, 4);
        for (int j = 0; j < kQK / 2; ++j) {
            const int h0 = int((qh >> j) & 1) << 4;
            const int h1 = int((qh >> (j + 16)) & 1) << 4;
            int q0 = (b[i].qs[j] & 0x0f) | h0;
            int q1 = (b[i].qs[j] >> 4) | h1;
            if constexpr (kHasMin) {
                y[j] = float(q0) * d + m;
                y[j + kQK / 2] = float(q1) * d + m;
            } else {
                y[j] = float(q0 - 16) * d;
                y[j + kQK / 2] = float(q1 - 16) * d;
            }
        }
    }
}

void dequantQ8_0(const BlockQ8_0* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i, y += kQK) {
        const float d = halfToFloat(b[i].d);
        for (int j = 0; j < kQK; ++j)
            y[j] = float(b[i].qs[j]) * d;
    }
}

void dequantQ2_K(const BlockQ2_K* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i) {
        const float d = halfToFloat(b[i].d), dmin = halfToFloat(b[i].dmin);
        const uint8_t* q = b[i].qs;
        int is = 0;
        // Two halves of 128; in each, 4 shifts × 2 groups of 16 share the 32 bytes of q.
        for (int half = 0; half < 2; ++half, q += 32) {
            for (int shift = 0; shift < 8; shift += 2) {
                for (int g = 0; g < 2; ++g) {
                    const uint8_t sc = b[i].scales[is++];
                    const float dl = d * float(sc & 0x0f), ml = dmin * float(sc >> 4);
                    for (int l = 0; l < 16; ++l)
                        *y++ = dl * float((q[l + 16 * g] >> shift) & 3) - ml;
                }
            }
        }
    }
}

// The 12 scale bytes of Q3_K hold sixteen 6-bit scales: low 4 bits in bytes
// 0..7 (two per byte), high 2 bits in bytes 8..11. Offset by 32.
void unpackQ3Scales(const uint8_t* s, int8_t* out)
{
    for (int j = 0; j < 16; ++j) {
        const int low = j < 8 ? (s[j] & 0x0f) : (s[j - 8] >> 4);
        const int high = (s[8 + (j % 4)] >> (2 * (j / 4))) & 3;
        out[j] = int8_t((low | (high << 4)) - 32);
    }
}

void dequantQ3_K(const BlockQ3_K* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i) {
        const float d = halfToFloat(b[i].d);
        int8_t scales[16];
        unpackQ3Scales(b[i].scales, scales);
        const uint8_t* q = b[i].qs;
        uint8_t m = 1;
        int is = 0;
        for (int half = 0; half < 2; ++half, q += 32) {
            for (int shift = 0; shift < 8; shift += 2, m = uint8_t(m << 1)) {
                for (int g = 0; g < 2; ++g) {
                    const float dl = d * float(scales[is++]);
                    for (int l = 0; l < 16; ++l) {
                        const int k = l + 16 * g;
                        const int v = int((q[k] >> shift) & 3) - ((b[i].hmask[k] & m) ? 0 : 4);
                        *y++ = dl * float(v);
                    }
                }
            }
        }
    }
}

// Q4_K/Q5_K: eight 6-bit (scale, min) pairs packed in 12 bytes
// (get_scale_min_k4 in ggml-quants.c).
void scaleMinK4(int j, const uint8_t* q, uint8_t& sc, uint8_t& m)
{
    if (j < 4) {
        sc = q[j] & 63;
        m = q[j + 4] & 63;
    } else {
        sc = uint8_t((q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4));
        m = uint8_t((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// Q4_K and Q5_K share their layout of scales and 4-bit values; Q5_K adds a
// fifth bit per value from qh (bit s of qh[l] for sub-block s).
template <typename Block, bool kHighBit>
void dequantQ45_K(const Block* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i) {
        const float d = halfToFloat(b[i].d), dmin = halfToFloat(b[i].dmin);
        const uint8_t* q = b[i].qs;
        for (int is = 0; is < 8; is += 2, q += 32) {
            uint8_t sc, m;
            scaleMinK4(is, b[i].scales, sc, m);
            const float d1 = d * sc, m1 = dmin * m;
            scaleMinK4(is + 1, b[i].scales, sc, m);
            const float d2 = d * sc, m2 = dmin * m;
            for (int l = 0; l < 32; ++l) {
                int v = q[l] & 0x0f;
                if constexpr (kHighBit)
                    v += ((b[i].qh[l] >> is) & 1) << 4;
                *y++ = d1 * float(v) - m1;
            }
            for (int l = 0; l < 32; ++l) {
                int v = q[l] >> 4;
                if constexpr (kHighBit)
                    v += ((b[i].qh[l] >> (is + 1)) & 1) << 4;
                *y++ = d2 * float(v) - m2;
            }
        }
    }
}

void dequantQ6_K(const BlockQ6_K* b, float* y, size_t nb)
{
    for (size_t i = 0; i < nb; ++i) {
        const float d = halfToFloat(b[i].d);
        const uint8_t* ql = b[i].ql;
        const uint8_t* qh = b[i].qh;
        const int8_t* sc = b[i].scales;
        for (int half = 0; half < 2; ++half, y += 128, ql += 64, qh += 32, sc += 8) {
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = int((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = int((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                y[l] = d * float(sc[is]) * float(q1);
                y[l + 32] = d * float(sc[is + 2]) * float(q2);
                y[l + 64] = d * float(sc[is + 4]) * float(q3);
                y[l + 96] = d * float(sc[is + 6]) * float(q4);
            }
        }
    }
}

} // namespace

size_t rowBytes(gguf::TensorType type, size_t n)
{
    const gguf::TypeLayout& l = gguf::layoutOf(type);
    return n / l.blockElements * l.blockBytes;
}

void dequantize(gguf::TensorType type, const void* src, float* dst, size_t n)
{
    using T = gguf::TensorType;
    switch (type) {
    case T::F32:
        std::memcpy(dst, src, n * sizeof(float));
        return;
    case T::F16: {
        const auto* h = static_cast<const uint16_t*>(src);
        for (size_t i = 0; i < n; ++i)
            dst[i] = halfToFloat(h[i]);
        return;
    }
    case T::BF16: {
        const auto* h = static_cast<const uint16_t*>(src);
        for (size_t i = 0; i < n; ++i)
            dst[i] = bf16ToFloat(h[i]);
        return;
    }
    case T::Q4_0: return dequantQ4_0(static_cast<const BlockQ4_0*>(src), dst, n / kQK);
    case T::Q4_1: return dequantQ4_1(static_cast<const BlockQ4_1*>(src), dst, n / kQK);
    case T::Q5_0: return dequantQ5<BlockQ5_0, false>(static_cast<const BlockQ5_0*>(src), dst, n / kQK);
    case T::Q5_1: return dequantQ5<BlockQ5_1, true>(static_cast<const BlockQ5_1*>(src), dst, n / kQK);
    case T::Q8_0: return dequantQ8_0(static_cast<const BlockQ8_0*>(src), dst, n / kQK);
    case T::Q2_K: return dequantQ2_K(static_cast<const BlockQ2_K*>(src), dst, n / kQKK);
    case T::Q3_K: return dequantQ3_K(static_cast<const BlockQ3_K*>(src), dst, n / kQKK);
    case T::Q4_K: return dequantQ45_K<BlockQ4_K, false>(static_cast<const BlockQ4_K*>(src), dst, n / kQKK);
    case T::Q5_K: return dequantQ45_K<BlockQ5_K, true>(static_cast<const BlockQ5_K*>(src), dst, n / kQKK);
    case T::Q6_K: return dequantQ6_K(static_cast<const BlockQ6_K*>(src), dst, n / kQKK);
    }
}

float dotRow(gguf::TensorType type, const void* row, const float* x, size_t n)
{
    if (type == gguf::TensorType::F32) {
        const auto* w = static_cast<const float*>(row);
        float acc = 0.0f;
        for (size_t i = 0; i < n; ++i)
            acc += w[i] * x[i];
        return acc;
    }
    // Dequantize one chunk of whole blocks at a time (256 elements covers every type).
    constexpr size_t kChunk = 256;
    float buf[kChunk];
    const gguf::TypeLayout& l = gguf::layoutOf(type);
    const auto* src = static_cast<const uint8_t*>(row);
    float acc = 0.0f;
    for (size_t i = 0; i < n; i += kChunk) {
        const size_t m = n - i < kChunk ? n - i : kChunk;
        dequantize(type, src + i / l.blockElements * l.blockBytes, buf, m);
        for (size_t j = 0; j < m; ++j)
            acc += buf[j] * x[i + j];
    }
    return acc;
}

} // namespace vela::quant
