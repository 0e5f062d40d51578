// Streaming reasoning/answer split (see reasoning_splitter.h).
#include "chat/reasoning_splitter.h"

namespace vela::chat {

ReasoningSplitter::ReasoningSplitter(const tokenizer::Tokenizer& tokenizer, bool startsInsideThink)
    : tokenizer_(&tokenizer),
      decoder_(tokenizer),
      thinkOpen_(tokenizer.find("<think>")),
      thinkClose_(tokenizer.find("</think>"))
{
    if (startsInsideThink)
        enterReasoning();
}

void ReasoningSplitter::enterReasoning()
{
    phase_ = Phase::Reasoning;
    sawReasoning_ = true;
    atReasoningStart_ = true;
}

ReasoningSplitter::Delta ReasoningSplitter::push(tokenizer::TokenId id)
{
    Delta out;
    if (tokenizer_->isEndOfGeneration(id))
        return out;
    if (thinkOpen_ && id == *thinkOpen_ && phase_ == Phase::Start) {
        // Bytes of an unfinished character cannot continue across <think>.
        flushDecoder(out);
        if (phase_ == Phase::Start) { // the flush may have started the answer
            enterReasoning();
            return out;
        }
    } else if (thinkClose_ && id == *thinkClose_ && phase_ == Phase::Reasoning) {
        flushDecoder(out);
        heldNewlines_.clear(); // reasoning.rstrip('\n')
        phase_ = Phase::Answer;
        atAnswerStart_ = true; // content.lstrip('\n')
        return out;
    }
    text(decoder_.push(id), out);
    return out;
}

ReasoningSplitter::Delta ReasoningSplitter::finish()
{
    Delta out;
    flushDecoder(out);
    heldNewlines_.clear(); // a think block cut short still loses trailing newlines
    return out;
}

void ReasoningSplitter::flushDecoder(Delta& out)
{
    text(decoder_.flush(), out);
}

void ReasoningSplitter::text(std::string_view piece, Delta& out)
{
    if (piece.empty())
        return;
    if (phase_ == Phase::Reasoning) {
        if (atReasoningStart_) { // newlines right after <think>
            const size_t first = piece.find_first_not_of('\n');
            if (first == std::string_view::npos)
                return;
            piece.remove_prefix(first);
            atReasoningStart_ = false;
        }
        // Hold trailing newlines: if </think> comes next they are dropped.
        const size_t last = piece.find_last_not_of('\n');
        if (last == std::string_view::npos) {
            heldNewlines_ += piece;
            return;
        }
        emitReasoning(heldNewlines_, out);
        heldNewlines_.clear();
        emitReasoning(piece.substr(0, last + 1), out);
        heldNewlines_ = piece.substr(last + 1);
        return;
    }
    // Start or Answer: leading newlines of the answer are dropped.
    if (atAnswerStart_) {
        const size_t first = piece.find_first_not_of('\n');
        if (first == std::string_view::npos)
            return;
        piece.remove_prefix(first);
        atAnswerStart_ = false;
    }
    phase_ = Phase::Answer;
    emitContent(piece, out);
}

void ReasoningSplitter::emitReasoning(std::string_view s, Delta& out)
{
    out.reasoning += s;
    reasoning_ += s;
}

void ReasoningSplitter::emitContent(std::string_view s, Delta& out)
{
    out.content += s;
    content_ += s;
}

} // namespace vela::chat
