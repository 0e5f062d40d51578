// The GPT-2 byte-level alphabet: a bijection between the 256 byte values and
// 256 printable Unicode code points, so that byte-level BPE vocabularies can be
// stored as text. Source: OpenAI GPT-2 encoder.py `bytes_to_unicode()`, also
// used by Hugging Face tokenizers' ByteLevel pre-tokenizer/decoder.
//
// Bytes that are printable Latin-1 ('!'..'~', '¡'..'¬', '®'..'ÿ') map to the
// code point of the same value; the other 68 bytes (controls, space, DEL,
// NBSP, soft hyphen) map, in increasing byte order, to U+0100, U+0101, ...
// So a space (0x20) is stored as 'Ġ' (U+0120) and '\n' (0x0A) as 'Ċ' (U+010A).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vela::tokenizer::detail {

// Code point that represents byte b in token texts.
char32_t byteToCodePoint(uint8_t b);
// The byte a code point stands for, or nullopt when it is not in the alphabet.
std::optional<uint8_t> codePointToByte(char32_t cp);

// UTF-8 of byteToCodePoint(b): the text of the single-byte token for b.
const std::string& byteToken(uint8_t b);

// Maps every byte of `bytes` to its alphabet character (UTF-8).
std::string bytesToTokenText(std::string_view bytes);

// Inverse of bytesToTokenText for token texts. A character outside the
// alphabet (never present in a well-formed byte-level vocabulary) is copied
// as its UTF-8 bytes, and so are invalid UTF-8 bytes, so nothing is lost.
std::string tokenTextToBytes(std::string_view text);

} // namespace vela::tokenizer::detail
