// StreamDecoder: token ids in, complete UTF-8 out.
#include "tokenizer/tokenizer.h"
#include "tokenizer/utf8.h"

namespace vela::tokenizer {

namespace {

// Moves the complete prefix of `pending` to the result: well-formed
// characters as they are, ill-formed sequences (maximal subparts) as U+FFFD.
// An incomplete but still valid sequence at the end stays pending unless
// `final`, when it becomes U+FFFD too.
std::string drain(std::string& pending, bool final)
{
    using namespace detail;
    std::string out;
    size_t i = 0;
    while (i < pending.size()) {
        const Utf8Char ch = decodeUtf8(pending, i);
        if (ch.status == Utf8Status::Truncated && !final)
            break;
        if (ch.status == Utf8Status::Ok)
            out.append(pending, i, ch.length);
        else
            out += kReplacementChar;
        i += ch.length;
    }
    pending.erase(0, i);
    return out;
}

} // namespace

StreamDecoder::StreamDecoder(const Tokenizer& tokenizer)
    : tokenizer_(&tokenizer)
{
}

std::string StreamDecoder::push(TokenId id)
{
    pending_ += tokenizer_->tokenBytes(id);
    return drain(pending_, false);
}

std::string StreamDecoder::flush()
{
    return drain(pending_, true);
}

} // namespace vela::tokenizer
