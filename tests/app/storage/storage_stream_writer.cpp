// storage_stream_writer DATA_DIR TAG [hold]
//
// A child process for tst_storage_kill: opens the store, creates one
// conversation and then, round after round, commits a user message and
// streams an assistant reply word by word, as the app does. After each
// commit it prints one line and flushes, so the parent knows what must be
// on disk when it kills us:
//   ready <conversation id>
//   user <message id> <round>
//   begin <message id> <round>
//   progress <message id> <round> <words>
//   finished <message id> <round>
// It stops by itself after 60 s in case the parent never kills it.
//
// With `hold` (tst_storage_writers): after the first word of the first
// reply it prints "holding <message id>" and waits for stdin to close, a
// live writer with a streaming reply for as long as the parent wants.
#include "app/storage/stream_text.h"
#include "storage/conversation_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace vela::storage;
using namespace vela::storage::test;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool hold = args.size() == 4 && args[3] == QLatin1String("hold");
    if (args.size() != 3 && !hold) {
        std::fprintf(stderr, "usage: storage_stream_writer DATA_DIR TAG [hold]\n");
        return 2;
    }
    try {
        ConversationStore store(args[1]);
        const auto conversation = store.createConversation(QStringLiteral("kill test ") + args[2]).id;
        std::printf("ready %lld\n", static_cast<long long>(conversation));
        std::fflush(stdout);

        QElapsedTimer clock;
        clock.start();
        for (int round = 0; clock.elapsed() < 60'000; ++round) {
            Message user;
            user.role = Role::User;
            user.content = userQuestion(args[2], round);
            const auto userId = store.appendMessage(conversation, user).id;
            std::printf("user %lld %d\n", static_cast<long long>(userId), round);
            std::fflush(stdout);

            const auto replyId = store.beginAssistantMessage(conversation, QStringLiteral("writer")).id;
            std::printf("begin %lld %d\n", static_cast<long long>(replyId), round);
            std::fflush(stdout);
            for (int w = 1; w <= kStreamWords; ++w) {
                store.updateStreamingMessage(replyId, streamText(round, w), streamReasoning(round, w));
                std::printf("progress %lld %d %d\n", static_cast<long long>(replyId), round, w);
                std::fflush(stdout);
                if (hold) {
                    std::printf("holding %lld\n", static_cast<long long>(replyId));
                    std::fflush(stdout);
                    while (std::getchar() != EOF) {
                    }
                    return 0;
                }
            }
            MessageResult done;
            done.content = streamText(round, kStreamWords);
            done.reasoning = streamReasoning(round, kStreamWords);
            done.generatedTokens = kStreamWords;
            store.finishMessage(replyId, done, MessageStatus::Complete);
            std::printf("finished %lld %d\n", static_cast<long long>(replyId), round);
            std::fflush(stdout);
        }
    } catch (const StorageError& e) {
        std::fprintf(stderr, "storage_stream_writer: %s\n", e.what());
        return 1;
    }
    return 0;
}
