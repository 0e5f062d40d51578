// Strict UTF-8 decoding by the well-formed byte sequences of the Unicode
// Standard, chapter 3, table 3-7 (no overlongs, no surrogates, nothing above
// U+10FFFF). Ill-formed input is reported by its "maximal subpart" (Unicode
// chapter 3, "U+FFFD Substitution of Maximal Subparts"), the unit the
// W3C/WHATWG encoding standard also replaces with one U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vela::tokenizer::detail {

enum class Utf8Status : uint8_t {
    Ok,        // a complete character of `length` bytes
    Invalid,   // `length` bytes (the maximal subpart, >= 1) can never start a character
    Truncated, // the text ends after `length` bytes of a valid but incomplete sequence
};

struct Utf8Char {
    char32_t cp = 0;
    uint32_t length = 1;
    Utf8Status status = Utf8Status::Ok;
};

// Decodes the character starting at s[i] (i < s.size()).
inline Utf8Char decodeUtf8(std::string_view s, size_t i)
{
    const auto b0 = static_cast<uint8_t>(s[i]);
    if (b0 < 0x80)
        return {b0, 1, Utf8Status::Ok};
    uint32_t need = 0;           // continuation bytes
    uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; // no overlongs
        else if (b0 == 0xED)
            hi = 0x9F; // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; // no overlongs
        else if (b0 == 0xF4)
            hi = 0x8F; // nothing above U+10FFFF
    } else {
        return {0, 1, Utf8Status::Invalid}; // 80..C1, F5..FF never start a character
    }
    for (uint32_t k = 1; k <= need; ++k) {
        if (i + k >= s.size())
            return {0, k, Utf8Status::Truncated};
        const auto b = static_cast<uint8_t>(s[i + k]);
        const uint8_t l = k == 1 ? lo : 0x80;
        const uint8_t h = k == 1 ? hi : 0xBF;
        if (b < l || b > h)
            return {0, k, Utf8Status::Invalid};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, need + 1, Utf8Status::Ok};
}

inline void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD"; // U+FFFD

} // namespace vela::tokenizer::detail
