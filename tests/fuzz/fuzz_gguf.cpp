// libFuzzer target: arbitrary bytes as a GGUF file, then everything that
// reads a model description from it (Config, Weights, Tokenizer, template
// family); and the bytes' first part as the prefix of a larger file, as the
// Hub probe reads a remote header (File::parseHeader; the declared size is
// taken from the input so that it varies). Any exception other than
// vela::Error is a bug, as is any sanitizer report or an allocation past
// -rss_limit_mb.
#include "chat/chat_format.h"
#include "common/error.h"
#include "gguf/gguf_file.h"
#include "model/config.h"
#include "model/weights.h"
#include "tokenizer/tokenizer.h"

#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace vela;
    std::vector<std::byte> bytes(reinterpret_cast<const std::byte*>(data),
                                 reinterpret_cast<const std::byte*>(data) + size);
    try {
        // A prefix of 3/4 of the input, of a file declared 1 to 256 times as large.
        const size_t prefix = size - size / 4;
        const uint64_t declared = uint64_t(size) * (size ? 1 + data[size - 1] : 1);
        gguf::File header = gguf::File::parseHeader(
            gguf::MappedFile::fromBytes({bytes.begin(), bytes.begin() + long(prefix)}), std::max<uint64_t>(declared, prefix));
        for (const gguf::TensorInfo& t : header.tensors())
            if (t.data != nullptr && header.headerOnly())
                std::abort(); // a header-only file must not point into bytes it does not have
        try {
            (void)model::Weights::bind(header, model::Config::fromGguf(header));
        } catch (const Error&) {
        }
    } catch (const Error&) {
    }
    try {
        gguf::File file = gguf::File::parse(gguf::MappedFile::fromBytes(std::move(bytes)));
        for (const auto& kv : file.metadata().entries())
            (void)kv.value.describe();
        (void)chat::detectFamily(file);
        try {
            model::Config config = model::Config::fromGguf(file);
            (void)model::Weights::bind(file, config);
        } catch (const Error&) {
        }
        tokenizer::Tokenizer tok = tokenizer::Tokenizer::fromGguf(file);
        auto ids = tok.encode("Hola <|im_start|>user\n¿qué tal?", true);
        (void)tok.decode(ids);
    } catch (const Error&) {
        // Rejected with a message: the expected outcome for most inputs.
    }
    return 0;
}
