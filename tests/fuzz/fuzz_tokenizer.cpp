// libFuzzer target for the tokenizer: arbitrary bytes are encoded with and
// without special-token parsing and as two segments, then decoded and
// streamed. Crashes, sanitizer reports and broken invariants (checked below,
// __builtin_trap on failure) are findings.
//
// Build (clang): compile with -fsanitize=fuzzer, link vela_tokenizer; the
// vocabulary is built in code (tests/inference/tokenizer/small_vocab.h), so
// no ../shared and no seed corpus are needed.
#include "../inference/tokenizer/small_vocab.h"

#include "tokenizer/tokenizer.h"
#include "tokenizer/utf8.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace vela::tokenizer;

const Tokenizer& tokenizer()
{
    static const Tokenizer t(vela::test::smallVocab().data);
    return t;
}

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

bool isValidUtf8(std::string_view s)
{
    for (size_t i = 0; i < s.size();) {
        const detail::Utf8Char c = detail::decodeUtf8(s, i);
        if (c.status != detail::Utf8Status::Ok)
            return false;
        i += c.length;
    }
    return true;
}

void checkIds(const Tokenizer& tok, const std::vector<TokenId>& ids)
{
    for (TokenId id : ids)
        check(id >= 0 && static_cast<size_t>(id) < tok.vocabSize());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Tokenizer& tok = tokenizer();
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // Plain text: decoding gives the NFC form of the valid runs with invalid
    // bytes kept, and encoding that again must give the same ids.
    const std::vector<TokenId> plain = tok.encode(text, false);
    checkIds(tok, plain);
    for (TokenId id : plain)
        check(!tok.isSpecial(id));
    const std::string decoded = tok.decode(plain);
    check(tok.encode(decoded, false) == plain);
    check(text.empty() == plain.empty());

    const std::vector<TokenId> special = tok.encode(text, true);
    checkIds(tok, special);
    (void)tok.decode(special);

    // Two segments: with parsing off in both, the cut must not matter.
    if (size > 0) {
        const size_t cut = data[0] % (size + 1);
        const TextSegment off[] = {{text.substr(0, cut), false}, {text.substr(cut), false}};
        check(tok.encode(off) == plain);
        const TextSegment mixed[] = {{text.substr(0, cut), (data[0] & 1) != 0}, {text.substr(cut), true}};
        checkIds(tok, tok.encode(mixed));
    }

    // Streaming never emits broken UTF-8.
    StreamDecoder stream(tok);
    for (TokenId id : special)
        check(isValidUtf8(stream.push(id)));
    check(isValidUtf8(stream.flush()));
    return 0;
}
