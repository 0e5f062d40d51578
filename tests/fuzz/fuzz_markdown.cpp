// libFuzzer target for the chat view's Markdown preparation: model output is
// untrusted text. Splits the input (as UTF-8) into blocks in one pass and
// incrementally as a stream would deliver it, and sanitizes every prose
// block again.
//
// Invariants: the incremental splitter always equals the one-pass split;
// a closed code block does not end with its closing fence; nothing crashes
// or trips the sanitizers (ASan/UBSan in the fuzz build).
#include "markdown/blocks.h"
#include "markdown/sanitize.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vela::markdown;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const std::vector<Block> whole = splitBlocks(text);

    // Stream it in pieces whose sizes come from the input itself.
    BlockSplitter splitter;
    qsizetype at = 0;
    size_t i = 0;
    while (at < text.size()) {
        const qsizetype step = 1 + (size ? data[i++ % size] % 17 : 0);
        at = std::min(text.size(), at + step);
        splitter.update(text.left(at));
    }
    splitter.update(text);
    if (splitter.blocks() != whole)
        std::abort();
    for (const Block& b : whole)
        if (b.kind == Block::Kind::Code && b.closed && b.text.endsWith(QLatin1String("\n```")))
            std::abort(); // a closing fence leaked into the code
    (void)sanitizeProse(text);
    return 0;
}
