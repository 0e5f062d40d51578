// Helpers shared by the tokenizer tests.
#pragma once

#include "common/error.h"

#include <QString>

#include <functional>
#include <string>

namespace vela::test {

// Runs f and returns the message of the vela::InvalidInput it throws, or a
// marker string when it throws nothing (so QVERIFY2 shows what happened).
inline QString invalidInputMessage(const std::function<void()>& f)
{
    try {
        f();
    } catch (const vela::InvalidInput& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no vela::InvalidInput thrown>");
}

} // namespace vela::test

// Checks that `expr` throws vela::InvalidInput whose message contains `part`.
#define VELA_VERIFY_INVALID_INPUT(expr, part)                                                     \
    do {                                                                                          \
        const QString vela_msg_ = vela::test::invalidInputMessage([&] { (void)(expr); });          \
        QVERIFY2(vela_msg_.contains(QStringLiteral(part)),                                        \
                 qPrintable(QStringLiteral("expected an error containing \"%1\", got: %2")        \
                                .arg(QStringLiteral(part), vela_msg_)));                          \
    } while (0)
