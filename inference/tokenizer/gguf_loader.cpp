// Tokenizer::fromGguf: the tokenizer.ggml.* keys written by llama.cpp's
// convert_hf_to_gguf.py (see the GGUF specification, gguf.md, "Tokenizer").
#include "tokenizer/tokenizer.h"

#include "common/error.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer_internal.h"

#include <limits>

namespace vela::tokenizer {

namespace {

using gguf::ValueType;
using detail::quoted;

std::optional<TokenId> readId(const gguf::Metadata& md, const char* key, size_t vocabSize)
{
    const std::optional<uint64_t> v = md.getUInt(key);
    if (!v)
        return std::nullopt;
    if (*v >= vocabSize)
        throw InvalidInput(std::string("metadata key '") + key + "' = " + std::to_string(*v) +
                           " is out of range (the vocabulary has " + std::to_string(vocabSize) + " tokens)");
    return static_cast<TokenId>(*v);
}

} // namespace

Tokenizer Tokenizer::fromGguf(const gguf::File& file)
{
    const gguf::Metadata& md = file.metadata();

    const auto model = md.getString("tokenizer.ggml.model");
    if (!model)
        throw InvalidInput("the model has no tokenizer (metadata key 'tokenizer.ggml.model' is missing)");
    if (*model != "gpt2")
        throw InvalidInput("unsupported tokenizer model " + quoted(*model) +
                           " (tokenizer.ggml.model); only \"gpt2\" (byte-level BPE) is supported");
    const auto pre = md.getString("tokenizer.ggml.pre");
    if (!pre)
        throw InvalidInput("metadata key 'tokenizer.ggml.pre' is missing (only the \"qwen2\" pre-tokenizer "
                           "is supported)");
    if (*pre != "qwen2")
        throw InvalidInput("unsupported pre-tokenizer " + quoted(*pre) +
                           " (tokenizer.ggml.pre); only \"qwen2\" is supported");

    const gguf::Array& tokens = md.requireArray("tokenizer.ggml.tokens", ValueType::String);
    const gguf::Array& types = md.requireArray("tokenizer.ggml.token_type", ValueType::Int32);
    const gguf::Array& merges = md.requireArray("tokenizer.ggml.merges", ValueType::String);
    const size_t n = tokens.size();
    if (n == 0)
        throw InvalidInput("metadata key 'tokenizer.ggml.tokens' is empty");
    if (n > static_cast<size_t>(std::numeric_limits<TokenId>::max()))
        throw InvalidInput("metadata key 'tokenizer.ggml.tokens' has " + std::to_string(n) +
                           " tokens, more than ids can address");
    if (types.size() != n)
        throw InvalidInput("metadata key 'tokenizer.ggml.token_type' has " + std::to_string(types.size()) +
                           " entries, but 'tokenizer.ggml.tokens' has " + std::to_string(n));

    VocabData d;
    d.pre = std::string(*pre);
    d.tokens.reserve(n);
    for (std::string_view t : tokens.strings())
        d.tokens.emplace_back(t);
    d.kinds.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const std::optional<int64_t> t = types.at(i).toInt();
        if (!t || *t < 0 || *t > static_cast<int64_t>(TokenKind::Byte))
            throw InvalidInput("metadata key 'tokenizer.ggml.token_type': entry " + std::to_string(i) + " is " +
                               (t ? std::to_string(*t) : std::string("out of range")) + ", expected 0..6");
        d.kinds.push_back(static_cast<TokenKind>(*t));
    }
    d.merges.reserve(merges.size());
    for (std::string_view m : merges.strings())
        d.merges.emplace_back(m);
    d.bos = readId(md, "tokenizer.ggml.bos_token_id", n);
    d.eos = readId(md, "tokenizer.ggml.eos_token_id", n);
    d.pad = readId(md, "tokenizer.ggml.padding_token_id", n);
    d.addBos = md.getBool("tokenizer.ggml.add_bos_token").value_or(false);
    return Tokenizer(std::move(d));
}

} // namespace vela::tokenizer
