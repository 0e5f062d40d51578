// libFuzzer target for conversation import and export (app/storage/export.h):
// an imported JSON file is untrusted, and every conversation must export.
//
// The input is parsed as our JSON export. Whatever fromJson accepts must
// export to Markdown (with and without reasoning) and to JSON, and that JSON
// must import back to the same conversations (the round trip loses nothing).
// Only StorageError may escape fromJson; anything else aborts.
#include "storage/error.h"
#include "storage/export.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vela::storage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    std::vector<ConversationSnapshot> parsed;
    try {
        parsed = fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    } catch (const StorageError&) {
        return 0; // refused with a reason: fine
    }
    (void)toMarkdown(parsed, {.includeReasoning = true, .includeMetadata = true});
    (void)toMarkdown(parsed, {.includeReasoning = false, .includeMetadata = false});
    const QByteArray json = toJson(parsed, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    std::vector<ConversationSnapshot> again;
    try {
        again = fromJson(json);
    } catch (const StorageError&) {
        std::abort(); // our own export must import
    }
    if (again != parsed)
        std::abort();
    return 0;
}
