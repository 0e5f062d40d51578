// libFuzzer target for the chat view's Markdown preparation: model output is
// untrusted text. Splits the input (as UTF-8) into blocks in one pass and
// incrementally as a stream would deliver it, and renders the prose blocks
// (and the whole input) as the view gets them.
//
// Invariants: the incremental splitter always equals the one-pass split; a
// closed code block does not end with a line that closes its own fence
// (syntax::Fence, the splitter's one rule); the rich text has no element
// that QTextDocument::toHtml() would not write for the Markdown importer's
// formats (so no raw HTML from the input), and read back as the view reads it,
// no image; nothing crashes or trips the sanitizers (ASan/UBSan in the fuzz
// build).
#include "../app/markdown/render_probe.h"
#include "markdown/blocks.h"
#include "markdown/render.h"
#include "markdown/syntax.h"

#include <QGuiApplication>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace vela::markdown;

namespace {

void check(bool ok, const char* what, const QString& detail)
{
    if (ok)
        return;
    std::fprintf(stderr, "%s:\n%s\n", what, qPrintable(detail));
    std::abort();
}

void checkRendered(const QString& markdown)
{
    const probe::View view(markdown);
    check(probe::unexpectedTags(view.html).isEmpty(), "element from the input in the rich text", view.html);
    for (QTextBlock b = view.doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            check(!it.fragment().charFormat().isImageFormat(), "image in the view", view.html);
}

} // namespace

// QTextDocument needs fonts, so a QGuiApplication (offscreen: no display).
extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "fuzz_markdown";
    static char* argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv);
    return 0;
}

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
    check(splitter.blocks() == whole, "streaming split differs from the one-pass split", text);

    for (const Block& b : whole) {
        if (b.kind == Block::Kind::Prose) {
            checkRendered(b.text);
        } else if (b.closed) {
            const syntax::Fence fence{b.fence.front(), int(b.fence.size()), 0, {}};
            const QStringView lastLine = QStringView(b.text).sliced(b.text.lastIndexOf(u'\n') + 1);
            check(!fence.isClosedBy(lastLine, 3), "a closing fence leaked into the code", b.text);
        }
    }
    checkRendered(text);
    return 0;
}
