#include "tokenizer/byte_alphabet.h"

#include "tokenizer/utf8.h"

#include <array>

namespace vela::tokenizer::detail {
namespace {

// GPT-2 bytes_to_unicode(): printable Latin-1 bytes keep their value, the rest
// get U+0100 + n in increasing byte order.
constexpr bool keepsItsValue(unsigned b)
{
    return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

constexpr std::array<char32_t, 256> makeByteToCp()
{
    std::array<char32_t, 256> t{};
    char32_t next = 0x100;
    for (unsigned b = 0; b < 256; ++b)
        t[b] = keepsItsValue(b) ? static_cast<char32_t>(b) : next++;
    return t;
}

constexpr std::array<char32_t, 256> kByteToCp = makeByteToCp();
// Every alphabet code point is below U+0100 + 68 = U+0144.
constexpr char32_t kAlphabetEnd = 0x144;
static_assert(kByteToCp[0x20] == 0x120, "space must map to U+0120 'Ġ'");
static_assert(kByteToCp[0xAD] == kAlphabetEnd - 1, "68 remapped bytes");

constexpr std::array<int16_t, kAlphabetEnd> makeCpToByte()
{
    std::array<int16_t, kAlphabetEnd> t{};
    for (auto& v : t)
        v = -1;
    for (unsigned b = 0; b < 256; ++b)
        t[kByteToCp[b]] = static_cast<int16_t>(b);
    return t;
}

constexpr std::array<int16_t, kAlphabetEnd> kCpToByte = makeCpToByte();

const std::array<std::string, 256>& byteTokens()
{
    static const std::array<std::string, 256> tokens = [] {
        std::array<std::string, 256> t;
        for (unsigned b = 0; b < 256; ++b)
            appendUtf8(t[b], kByteToCp[b]);
        return t;
    }();
    return tokens;
}

} // namespace

char32_t byteToCodePoint(uint8_t b)
{
    return kByteToCp[b];
}

std::optional<uint8_t> codePointToByte(char32_t cp)
{
    if (cp >= kAlphabetEnd || kCpToByte[cp] < 0)
        return std::nullopt;
    return static_cast<uint8_t>(kCpToByte[cp]);
}

const std::string& byteToken(uint8_t b)
{
    return byteTokens()[b];
}

std::string bytesToTokenText(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes)
        out += byteToken(static_cast<uint8_t>(c));
    return out;
}

std::string tokenTextToBytes(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const Utf8Char ch = decodeUtf8(text, i);
        if (ch.status == Utf8Status::Ok) {
            if (auto b = codePointToByte(ch.cp))
                out += static_cast<char>(*b);
            else
                out.append(text.substr(i, ch.length)); // not in the alphabet: keep as is
        } else {
            out.append(text.substr(i, ch.length)); // ill-formed: keep the raw bytes
        }
        i += ch.length;
    }
    return out;
}

} // namespace vela::tokenizer::detail
