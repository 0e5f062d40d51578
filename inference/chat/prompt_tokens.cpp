// Tokenization of rendered prompts and template detection from a GGUF file:
// the parts of the chat layer that need the tokenizer and the GGUF reader.
#include "chat/chat_format.h"

#include "gguf/gguf_file.h"

namespace vela::chat {

TemplateFamily detectFamily(const gguf::File& file)
{
    return detectFamily(file.metadata().getString("tokenizer.chat_template"));
}

std::vector<tokenizer::TokenId> tokenize(const RenderedPrompt& prompt,
                                         const tokenizer::Tokenizer& tokenizer)
{
    std::vector<tokenizer::TextSegment> segments;
    segments.reserve(prompt.segments.size());
    for (const Segment& s : prompt.segments)
        segments.push_back({s.text, /*parseSpecial=*/s.markup});
    return tokenizer.encode(std::span<const tokenizer::TextSegment>(segments));
}

} // namespace vela::chat
