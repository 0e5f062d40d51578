// vela-atspi-fixture DIR: what the AT-SPI test (atspi_check.py) opens the
// real app with: a small thinking model (tests/app/viewmodels/chat_test_models.h)
// written to DIR/thinking.gguf and a data folder DIR/data holding one
// conversation whose reply has a reasoning pane and a code block, so that
// the tree holds every kind of control a message can show. Prints the
// model's path.
#include "chat_test_models.h"

#include "storage/conversation_store.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: vela-atspi-fixture DIR\n");
        return 2;
    }
    const QDir dir(args.at(1));
    if (!QDir().mkpath(dir.filePath(QStringLiteral("data")))) {
        std::fprintf(stderr, "vela-atspi-fixture: cannot create %s\n", qPrintable(dir.filePath(QStringLiteral("data"))));
        return 1;
    }
    const QString model = vela::test::writeThinkingModel(dir.path());

    vela::storage::ConversationStore store(dir.filePath(QStringLiteral("data")));
    const auto c = store.createConversation(QStringLiteral("Reversing a string"));
    vela::storage::Message question;
    question.content = QStringLiteral("How do I reverse a string in C++?");
    store.appendMessage(c.id, question);
    vela::storage::Message answer;
    answer.role = vela::storage::Role::Assistant;
    answer.reasoning = QStringLiteral("std::reverse on a copy, or the reverse iterators.");
    answer.thinkingMs = 1800;
    answer.generatedTokens = 60;
    answer.tokensPerSecond = 30.0;
    answer.content = QStringLiteral("Use `std::reverse`:\n\n"
                                    "```cpp\nstd::string s = \"hello\";\nstd::reverse(s.begin(), s.end());\n```\n\n"
                                    "Or build a new one from `s.rbegin()` and `s.rend()`.\n");
    store.appendMessage(c.id, answer);
    std::printf("%s\n", qPrintable(model));
    return 0;
}
