#include "tokenizer/special_matcher.h"

#include <algorithm>
#include <string>

namespace vela::tokenizer::detail {

void SpecialMatcher::build(const std::vector<std::string>& texts, const std::vector<TokenId>& ids)
{
    for (auto& bucket : byFirstByte_)
        bucket.clear();
    count_ = 0;
    for (TokenId id : ids) {
        const std::string& t = texts[static_cast<size_t>(id)];
        if (t.empty())
            continue;
        byFirstByte_[static_cast<uint8_t>(t[0])].push_back({t, id});
        ++count_;
    }
    for (auto& bucket : byFirstByte_)
        std::stable_sort(bucket.begin(), bucket.end(), [](const Entry& a, const Entry& b) {
            return a.text.size() > b.text.size();
        });
}

std::optional<SpecialMatcher::Match> SpecialMatcher::matchAt(std::string_view text, size_t pos) const
{
    const auto& bucket = byFirstByte_[static_cast<uint8_t>(text[pos])];
    const std::string_view rest = text.substr(pos);
    for (const Entry& e : bucket)
        if (rest.starts_with(e.text))
            return Match{e.id, e.text.size()};
    return std::nullopt;
}

} // namespace vela::tokenizer::detail
