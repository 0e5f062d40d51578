#include "tokenizer/pretokenizer.h"

#include "tokenizer/utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <array>
#include <cstdint>
#include <limits>

namespace vela::tokenizer::detail {
namespace {

enum : uint8_t {
    kLetter = 1, // \p{L}
    kNumber = 2, // \p{N}
    kSpace = 4,  // \s
};

uint8_t classifyWithIcu(char32_t c)
{
    const auto uc = static_cast<UChar32>(c);
    const uint32_t gc = U_GET_GC_MASK(uc);
    uint8_t f = 0;
    if (gc & U_GC_L_MASK)
        f |= kLetter;
    if (gc & U_GC_N_MASK)
        f |= kNumber;
    if (u_isUWhiteSpace(uc))
        f |= kSpace;
    return f;
}

uint8_t classify(char32_t c)
{
    // ASCII dominates typical prompts; cache ICU's answers for it.
    static const std::array<uint8_t, 128> ascii = [] {
        std::array<uint8_t, 128> t{};
        for (char32_t a = 0; a < 128; ++a)
            t[a] = classifyWithIcu(a);
        return t;
    }();
    return c < 128 ? ascii[c] : classifyWithIcu(c);
}

struct Cp {
    char32_t c;
    uint8_t flags;
    size_t offset; // byte offset in the run
};

bool isLetter(const Cp& c) { return c.flags & kLetter; }
bool isNumber(const Cp& c) { return c.flags & kNumber; }
bool isSpace(const Cp& c) { return c.flags & kSpace; }
bool isCrLf(const Cp& c) { return c.c == U'\r' || c.c == U'\n'; }
// [^\s\p{L}\p{N}]
bool isOther(const Cp& c) { return (c.flags & (kLetter | kNumber | kSpace)) == 0; }

// Simple case folding, as Oniguruma's (?i) compares: 'ſ' (U+017F) folds to 's'.
char32_t fold(char32_t c)
{
    return c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c)
                   : static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

// Length in code points of the match starting at cps[i] (always >= 1: the
// alternatives together match any code point).
size_t matchAt(const std::vector<Cp>& cps, size_t i)
{
    const size_t n = cps.size();
    const Cp& c = cps[i];
    auto runWhile = [&](size_t j, auto pred) {
        while (j < n && pred(cps[j]))
            ++j;
        return j;
    };

    // 1. (?i:'s|'t|'re|'ve|'m|'ll|'d)
    if (c.c == U'\'' && i + 1 < n) {
        const char32_t a = fold(cps[i + 1].c);
        if (a == U's' || a == U't' || a == U'm' || a == U'd')
            return 2;
        if (i + 2 < n) {
            const char32_t b = fold(cps[i + 2].c);
            if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l'))
                return 3;
        }
    }
    // 2. [^\r\n\p{L}\p{N}]?\p{L}+ : the optional prefix is taken greedily and
    // dropped again only if no letter follows it.
    if (!isLetter(c) && !isNumber(c) && !isCrLf(c) && i + 1 < n && isLetter(cps[i + 1]))
        return runWhile(i + 1, isLetter) - i;
    if (isLetter(c))
        return runWhile(i, isLetter) - i;
    // 3. \p{N} : one digit at a time.
    if (isNumber(c))
        return 1;
    // 4. " ?[^\s\p{L}\p{N}]+[\r\n]*"
    size_t start = i;
    if (c.c == U' ' && i + 1 < n && isOther(cps[i + 1]))
        start = i + 1;
    if (isOther(cps[start])) {
        const size_t j = runWhile(start, isOther);
        return runWhile(j, isCrLf) - i;
    }
    // Only whitespace is left: c is \s. Let W = cps[i, q) be the run of it.
    const size_t q = runWhile(i, isSpace);
    // 5. \s*[\r\n]+ : \s* backs off until [\r\n]+ can match, so the match
    // ends after the last \r or \n of W.
    for (size_t j = q; j > i; --j)
        if (isCrLf(cps[j - 1]))
            return j - i;
    // 6. \s+(?!\S) : all of W at the end of the text, else W minus its last
    // character (which then starts the next pre-token, e.g. " word").
    if (q == n)
        return q - i;
    if (q - i >= 2)
        return q - i - 1;
    // 7. \s+
    return q - i;
}

} // namespace

void splitQwen2(std::string_view utf8, size_t base, std::vector<Span>& out)
{
    thread_local std::vector<Cp> cps;
    cps.clear();
    for (size_t i = 0; i < utf8.size();) {
        const Utf8Char ch = decodeUtf8(utf8, i);
        // Callers pass well-formed text; treat anything else as U+FFFD-like
        // "other" so a bug cannot read out of bounds.
        const char32_t c = ch.status == Utf8Status::Ok ? ch.cp : U'\uFFFD';
        cps.push_back({c, classify(c), i});
        i += ch.length;
    }
    for (size_t i = 0; i < cps.size();) {
        const size_t len = matchAt(cps, i);
        const size_t end = i + len < cps.size() ? cps[i + len].offset : utf8.size();
        out.push_back({base + cps[i].offset, base + end});
        i += len;
    }
}

namespace {

bool isAscii(std::string_view s)
{
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

// Appends NFC(run) to text. ASCII and already-normalized text is copied.
void appendNfc(std::string_view run, std::string& text)
{
    if (isAscii(run) || run.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
        text.append(run);
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status)) {
        const icu::StringPiece piece(run.data(), static_cast<int32_t>(run.size()));
        if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
            text.append(run);
            return;
        }
        status = U_ZERO_ERROR;
        std::string normalized;
        icu::StringByteSink<std::string> sink(&normalized);
        nfc->normalizeUTF8(0, piece, sink, nullptr, status);
        if (U_SUCCESS(status)) {
            text += normalized;
            return;
        }
    }
    // ICU data missing: tokenize unnormalized rather than fail (the result is
    // still a lossless encoding). The same for a run over 2 GiB (ICU's int32_t
    // lengths), checked above.
    text.append(run);
}

} // namespace

void pretokenizeFragment(std::string_view fragment, std::string& text, std::vector<Span>& pieces)
{
    size_t runStart = 0;
    auto flushRun = [&](size_t runEnd) {
        if (runEnd == runStart)
            return;
        const size_t base = text.size();
        appendNfc(fragment.substr(runStart, runEnd - runStart), text);
        splitQwen2(std::string_view(text).substr(base), base, pieces);
    };
    for (size_t i = 0; i < fragment.size();) {
        const Utf8Char ch = decodeUtf8(fragment, i);
        if (ch.status == Utf8Status::Ok) {
            i += ch.length;
            continue;
        }
        flushRun(i);
        for (uint32_t k = 0; k < ch.length; ++k) { // each bad byte is its own piece
            pieces.push_back({text.size(), text.size() + 1});
            text += fragment[i + k];
        }
        i += ch.length;
        runStart = i;
    }
    flushRun(fragment.size());
}

} // namespace vela::tokenizer::detail
