// IEEE 754 half precision and bfloat16 conversions (scalar, exact).
//
// Half: 1 sign, 5 exponent (bias 15), 10 mantissa bits; subnormals, infinities
// and NaN handled. BF16: the top 16 bits of an IEEE single; rounding to
// nearest-even when converting from float, NaN kept quiet.
#pragma once

#include <cstdint>
#include <cstring>

namespace vela::quant {

inline float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    const uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else { // subnormal: normalize
            int e = -1;
            do {
                ++e;
                mant <<= 1;
            } while ((mant & 0x400) == 0);
            bits = sign | uint32_t(127 - 15 - e) << 23 | (mant & 0x3ff) << 13;
        }
    } else if (exp == 0x1f) {
        bits = sign | 0x7f800000u | mant << 13;
    } else {
        bits = sign | (exp + 127 - 15) << 23 | mant << 13;
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

inline uint16_t floatToHalf(float f)
{
    uint32_t x;
    std::memcpy(&x, &f, 4);
    const uint16_t sign = uint16_t((x >> 16) & 0x8000);
    const uint32_t absx = x & 0x7fffffff;
    if (absx >= 0x7f800000) // inf or NaN
        return uint16_t(sign | 0x7c00 | (absx > 0x7f800000 ? 0x200 : 0));
    if (absx >= 0x477ff000) // rounds to >= 65520: overflow to infinity
        return uint16_t(sign | 0x7c00);
    if (absx < 0x38800000) { // below the smallest normal half: subnormal or zero
        if (absx < 0x33000000)
            return sign;
        const uint32_t mant = (absx & 0x7fffff) | 0x800000;
        const int shift = 113 - int(absx >> 23) + 13; // 14..24
        uint32_t half = mant >> shift;
        const uint32_t rem = mant & ((1u << shift) - 1);
        const uint32_t mid = 1u << (shift - 1);
        if (rem > mid || (rem == mid && (half & 1)))
            ++half;
        return uint16_t(sign | half);
    }
    uint32_t half = ((absx >> 23) - 112) << 10 | ((absx >> 13) & 0x3ff);
    const uint32_t rem = absx & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1)))
        ++half; // may carry into the exponent, which is the correct rounding
    return uint16_t(sign | half);
}

inline float bf16ToFloat(uint16_t b)
{
    uint32_t bits = uint32_t(b) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

inline uint16_t floatToBf16(float f)
{
    uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7fffffff) > 0x7f800000)
        return uint16_t((x >> 16) | 0x40); // quiet NaN
    x += 0x7fff + ((x >> 16) & 1);         // round to nearest even
    return uint16_t(x >> 16);
}

} // namespace vela::quant
