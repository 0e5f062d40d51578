// Helpers shared by the chat tests that need a real tokenizer.
#pragma once

#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include "common/shared_fixtures.h"

#include <map>
#include <memory>
#include <string>

namespace vela::test {

// Tokenizer of a fixture model, loaded once per test executable.
inline const tokenizer::Tokenizer& fixtureTokenizer(const std::string& model)
{
    static std::map<std::string, std::unique_ptr<tokenizer::Tokenizer>> cache;
    auto& slot = cache[model];
    if (!slot)
        slot = std::make_unique<tokenizer::Tokenizer>(
            tokenizer::Tokenizer::fromGguf(gguf::File::open(fixtureModel(model))));
    return *slot;
}

inline bool isValidUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

} // namespace vela::test
