// Tokenizer construction (validation of the vocabulary), encoding and decoding.
#include "tokenizer/tokenizer.h"

#include "common/error.h"
#include "tokenizer/bpe.h"
#include "tokenizer/byte_alphabet.h"
#include "tokenizer/pretokenizer.h"
#include "tokenizer/special_matcher.h"
#include "tokenizer/tokenizer_internal.h"

#include <cstdio>
#include <limits>
#include <unordered_map>

namespace vela::tokenizer {

namespace detail {

std::string quoted(std::string_view text)
{
    constexpr size_t kMax = 48;
    std::string out = "'";
    for (size_t i = 0; i < text.size() && i < kMax; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c >= 0x7F || c == '\'' || c == '\\') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > kMax)
        out += "...";
    return out + "'";
}

} // namespace detail

using detail::quoted;

struct Tokenizer::Impl {
    VocabData data;
    std::vector<std::string> bytes; // decoded bytes of every token
    // Text -> id, views into data.tokens (which never reallocates after construction).
    std::unordered_map<std::string_view, TokenId> byText;
    detail::Bpe bpe{{}};
    detail::SpecialMatcher specials;
    std::optional<TokenId> imEnd, endOfText;

    explicit Impl(VocabData d);
    void encodeFragment(std::string_view fragment, std::vector<TokenId>& out) const;
    void checkId(TokenId id) const;
};

namespace {

std::string rangeError(const char* what, TokenId id, size_t n)
{
    return std::string(what) + " token id " + std::to_string(id) + " is out of range (the vocabulary has " +
           std::to_string(n) + " tokens)";
}

// "<0xNN>": how llama.cpp vocabularies spell a token of type Byte.
std::optional<uint8_t> parseByteToken(std::string_view t)
{
    if (t.size() != 6 || !t.starts_with("<0x") || t[5] != '>')
        return std::nullopt;
    unsigned v = 0;
    for (char c : t.substr(3, 2)) {
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= static_cast<unsigned>(c - '0');
        else if (c >= 'A' && c <= 'F')
            v |= static_cast<unsigned>(c - 'A' + 10);
        else if (c >= 'a' && c <= 'f')
            v |= static_cast<unsigned>(c - 'a' + 10);
        else
            return std::nullopt;
    }
    return static_cast<uint8_t>(v);
}

} // namespace

Tokenizer::Impl::Impl(VocabData d)
    : data(std::move(d))
{
    const auto& tokens = data.tokens;
    const size_t n = tokens.size();
    if (n == 0)
        throw InvalidInput("tokenizer vocabulary is empty");
    if (n > static_cast<size_t>(std::numeric_limits<TokenId>::max()))
        throw InvalidInput("tokenizer vocabulary has " + std::to_string(n) + " tokens, more than ids can address");
    if (data.kinds.size() != n)
        throw InvalidInput("tokenizer has " + std::to_string(data.kinds.size()) + " token types for " +
                           std::to_string(n) + " tokens");
    if (data.pre != "qwen2")
        throw InvalidInput("unsupported pre-tokenizer " + quoted(data.pre) + " (only \"qwen2\" is supported)");

    std::vector<TokenId> specialIds;
    byText.reserve(n);
    bytes.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const auto id = static_cast<TokenId>(i);
        const TokenKind k = data.kinds[i];
        const auto raw = static_cast<int32_t>(k);
        if (raw < 0 || raw > static_cast<int32_t>(TokenKind::Byte))
            throw InvalidInput("token " + std::to_string(i) + " has token type " + std::to_string(raw) +
                               ", expected 0..6");
        auto [it, inserted] = byText.emplace(tokens[i], id);
        // Duplicate texts would make encoding ambiguous. Padding entries
        // (Unused/Undefined) may repeat a text; lookups keep the first id.
        if (!inserted && k != TokenKind::Unused && k != TokenKind::Undefined)
            throw InvalidInput("token " + std::to_string(i) + " " + quoted(tokens[i]) +
                               " has the same text as token " + std::to_string(it->second));
        if (k == TokenKind::Control || k == TokenKind::UserDefined) {
            // Special tokens are stored verbatim, not in the byte alphabet.
            bytes[i] = tokens[i];
            specialIds.push_back(id);
        } else if (k == TokenKind::Byte && parseByteToken(tokens[i])) {
            bytes[i] = std::string(1, static_cast<char>(*parseByteToken(tokens[i])));
        } else {
            bytes[i] = detail::tokenTextToBytes(tokens[i]);
        }
    }

    // Byte-level BPE starts from one token per byte; without all 256 some
    // input could not be encoded without losing bytes.
    std::array<TokenId, 256> byteIds{};
    for (unsigned b = 0; b < 256; ++b) {
        auto it = byText.find(detail::byteToken(static_cast<uint8_t>(b)));
        if (it == byText.end()) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", b);
            throw InvalidInput(std::string("tokenizer vocabulary has no token for byte ") + hex + " (" +
                               quoted(detail::byteToken(static_cast<uint8_t>(b))) + ")");
        }
        byteIds[b] = it->second;
    }
    bpe = detail::Bpe(byteIds);

    // Merges: "left right", rank = index. Both sides and their concatenation
    // must be tokens (Hugging Face's BPE builder refuses the same files). A
    // repeated pair keeps its first (lowest) rank.
    std::string joined;
    for (size_t r = 0; r < data.merges.size(); ++r) {
        const std::string& m = data.merges[r];
        const size_t sp = m.find(' ');
        if (sp == std::string::npos || sp == 0 || sp + 1 == m.size() || m.find(' ', sp + 1) != std::string::npos)
            throw InvalidInput("merge " + std::to_string(r) + " " + quoted(m) + " is not of the form 'left right'");
        const std::string_view left(m.data(), sp), right(m.data() + sp + 1, m.size() - sp - 1);
        auto l = byText.find(left), rt = byText.find(right);
        if (l == byText.end() || rt == byText.end())
            throw InvalidInput("merge " + std::to_string(r) + " " + quoted(m) + " names " +
                               quoted(l == byText.end() ? left : right) + ", which is not in the vocabulary");
        joined.assign(left);
        joined += right;
        auto res = byText.find(joined);
        if (res == byText.end())
            throw InvalidInput("merge " + std::to_string(r) + " " + quoted(m) + " produces " + quoted(joined) +
                               ", which is not in the vocabulary");
        bpe.addMerge(l->second, rt->second, res->second);
    }

    for (auto [what, id] : {std::pair{"BOS", data.bos}, std::pair{"EOS", data.eos}, std::pair{"PAD", data.pad}})
        if (id && (*id < 0 || static_cast<size_t>(*id) >= n))
            throw InvalidInput(rangeError(what, *id, n));

    specials.build(tokens, specialIds);
    auto special = [&](std::string_view t) -> std::optional<TokenId> {
        auto it = byText.find(t);
        if (it == byText.end() || data.kinds[static_cast<size_t>(it->second)] != TokenKind::Control)
            return std::nullopt;
        return it->second;
    };
    imEnd = special("<|im_end|>");
    endOfText = special("<|endoftext|>");
}

void Tokenizer::Impl::encodeFragment(std::string_view fragment, std::vector<TokenId>& out) const
{
    thread_local std::string text;
    thread_local std::vector<detail::Span> pieces;
    text.clear();
    pieces.clear();
    detail::pretokenizeFragment(fragment, text, pieces);
    for (const detail::Span& p : pieces)
        bpe.encode(std::string_view(text).substr(p.begin, p.end - p.begin), out);
}

void Tokenizer::Impl::checkId(TokenId id) const
{
    if (id < 0 || static_cast<size_t>(id) >= data.tokens.size())
        throw InvalidInput(rangeError("the", id, data.tokens.size()));
}

Tokenizer::Tokenizer(VocabData data)
    : impl_(std::make_unique<Impl>(std::move(data)))
{
}

Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

std::vector<TokenId> Tokenizer::encode(std::string_view utf8, bool parseSpecial) const
{
    const TextSegment segment{utf8, parseSpecial};
    return encode(std::span<const TextSegment>(&segment, 1));
}

std::vector<TokenId> Tokenizer::encode(std::span<const TextSegment> segments) const
{
    // Text between special tokens is one fragment, even across segments, so
    // that splitting a prompt into segments never changes its tokenization
    // (as long as the plain segments contain no specials).
    std::vector<TokenId> out;
    std::string fragment;
    auto flush = [&] {
        if (!fragment.empty())
            impl_->encodeFragment(fragment, out);
        fragment.clear();
    };
    for (const TextSegment& seg : segments) {
        const std::string_view t = seg.text;
        if (!seg.parseSpecial || impl_->specials.empty()) {
            fragment.append(t);
            continue;
        }
        size_t start = 0;
        for (size_t pos = 0; pos < t.size();) {
            if (auto m = impl_->specials.matchAt(t, pos)) {
                fragment.append(t.substr(start, pos - start));
                flush();
                out.push_back(m->id);
                pos += m->length;
                start = pos;
            } else {
                ++pos;
            }
        }
        fragment.append(t.substr(start));
    }
    flush();
    return out;
}

std::string Tokenizer::decode(std::span<const TokenId> ids) const
{
    std::string out;
    for (TokenId id : ids) {
        impl_->checkId(id);
        out += impl_->bytes[static_cast<size_t>(id)];
    }
    return out;
}

std::string Tokenizer::tokenBytes(TokenId id) const
{
    impl_->checkId(id);
    return impl_->bytes[static_cast<size_t>(id)];
}

const std::string& Tokenizer::tokenText(TokenId id) const
{
    impl_->checkId(id);
    return impl_->data.tokens[static_cast<size_t>(id)];
}

size_t Tokenizer::vocabSize() const
{
    return impl_->data.tokens.size();
}

TokenKind Tokenizer::kind(TokenId id) const
{
    impl_->checkId(id);
    return impl_->data.kinds[static_cast<size_t>(id)];
}

bool Tokenizer::isSpecial(TokenId id) const
{
    if (id < 0 || static_cast<size_t>(id) >= vocabSize())
        return false;
    const TokenKind k = impl_->data.kinds[static_cast<size_t>(id)];
    return k == TokenKind::Control || k == TokenKind::UserDefined;
}

std::optional<TokenId> Tokenizer::find(std::string_view tokenText) const
{
    auto it = impl_->byText.find(tokenText);
    return it == impl_->byText.end() ? std::nullopt : std::optional<TokenId>(it->second);
}

std::optional<TokenId> Tokenizer::bos() const
{
    return impl_->data.bos;
}

std::optional<TokenId> Tokenizer::eos() const
{
    return impl_->data.eos;
}

bool Tokenizer::addBos() const
{
    return impl_->data.addBos;
}

bool Tokenizer::isEndOfGeneration(TokenId id) const
{
    return id == impl_->data.eos || id == impl_->imEnd || id == impl_->endOfText;
}

} // namespace vela::tokenizer
