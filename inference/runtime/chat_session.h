// ChatSession: a conversation with a chat model, at the level of messages.
//
// reply() renders the messages with the model's chat template, fits them in
// the context (dropping the oldest turns after the system prompt when they do
// not fit, if the policy allows), prefills (reusing the cached prefix of the
// previous turn), and streams the reply split into reasoning and answer text,
// timing each phase.
#pragma once

#include "chat/chat_format.h"
#include "chat/reasoning_splitter.h"
#include "runtime/session.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vela::runtime {

enum class OverflowPolicy {
    DropOldestTurns, // remove the oldest messages after the system prompt until the prompt fits
    Fail,            // refuse with vela::InvalidInput
};

struct ChatOptions {
    bool thinking = true;          // Qwen3: false renders the empty think block (non-thinking mode)
    int maxTokens = kDefaultReplyMaxTokens;
    // Defaults to the Qwen3 preset of the chosen mode.
    std::optional<sampling::SamplingParams> sampling;
    OverflowPolicy overflow = OverflowPolicy::DropOldestTurns;
    // Positions kept free for the reply when deciding whether the prompt
    // fits (at most half the context).
    int reserveTokens = 256;
    // Called on reply()'s thread for every generated token, before its text
    // (if any) reaches onDelta: tokens that produce no text (<think>, part
    // of a UTF-8 character, the end-of-generation token) are reported too.
    // positionsUsed counts the prompt and the reply so far, this token
    // included. It may call requestStop(): generation then ends before the
    // next token is sampled.
    std::function<void(TokenId token, size_t positionsUsed)> onToken;
    // Called on reply()'s thread while the prompt is processed (see
    // Session::PrefillProgress). It may call requestStop(): the reply then
    // ends after the current chunk, with no tokens and reason Stopped.
    Session::PrefillProgress onPrefill;
};

struct ChatReply {
    std::string reasoning;
    std::string content;
    StopReason reason = StopReason::MaxTokens;
    size_t promptTokens = 0;    // tokens of the rendered prompt
    size_t reusedTokens = 0;    // of which came from the cache
    size_t droppedMessages = 0; // removed by the overflow policy
    size_t generatedTokens = 0;
    double promptMs = 0.0;
    double reasoningMs = 0.0;   // time spent inside the think block
    double answerMs = 0.0;      // time spent on the answer
    double tokensPerSecond() const;
};

class ChatSession {
public:
    ChatSession(backend::Backend& backend, const tokenizer::Tokenizer& tokenizer, chat::TemplateFamily family,
                uint32_t contextSize);

    // Streams deltas through onDelta as they are produced (may be empty).
    ChatReply reply(std::vector<chat::Message> messages, const ChatOptions& options,
                    const std::function<void(const chat::ReasoningSplitter::Delta&)>& onDelta = {});

    void requestStop() { session_.requestStop(); }
    Session& session() { return session_; }

private:
    std::vector<TokenId> fit(std::vector<chat::Message>& messages, const ChatOptions& options, size_t& dropped);

    const tokenizer::Tokenizer& tokenizer_;
    chat::TemplateFamily family_;
    Session session_;
};

} // namespace vela::runtime
