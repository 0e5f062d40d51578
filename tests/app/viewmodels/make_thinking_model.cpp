// Writes the thinking test model (chat_test_models.h) to a folder, for
// trying the reasoning pane in the app by hand: vela-thinking-model DIR
#include "chat_test_models.h"

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: vela-thinking-model DIR\n");
        return 2;
    }
    try {
        std::printf("%s\n", qPrintable(vela::test::writeThinkingModel(QString::fromLocal8Bit(argv[1]))));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vela-thinking-model: %s\n", e.what());
        return 1;
    }
    return 0;
}
