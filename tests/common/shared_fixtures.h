// Access to ../shared (fixture models, reference outputs, golden files).
//
// ../shared exists on developer machines and in CI but not in a user's clone,
// so every test that needs it calls VELA_REQUIRE_SHARED() first: the test is
// skipped with a message saying why instead of failing.
#pragma once

#include <QtTest/QTest>

#include <filesystem>
#include <string>

namespace vela::test {

inline std::filesystem::path sharedDir()
{
    if (const char* env = std::getenv("VELA_SHARED_DIR"))
        return env;
    return VELA_SHARED_DIR;
}

inline bool haveShared()
{
    return std::filesystem::exists(sharedDir() / "fixtures" / "models");
}

inline std::filesystem::path fixtureModel(const std::string& file)
{
    return sharedDir() / "fixtures" / "models" / file;
}

inline std::filesystem::path fixture(const std::string& relative)
{
    return sharedDir() / "fixtures" / relative;
}

} // namespace vela::test

#define VELA_REQUIRE_SHARED()                                                              \
    do {                                                                                   \
        if (!vela::test::haveShared())                                                     \
            QSKIP(qPrintable(QStringLiteral("../shared fixtures not found at %1; this test " \
                                            "needs them (they are absent in a user clone)") \
                                 .arg(QString::fromStdString(vela::test::sharedDir().string())))); \
    } while (0)
