// JSON message lists: accepted shapes and the errors for bad ones.
#include "chat/messages_json.h"
#include "common/error.h"

#include <QtTest/QTest>

using namespace vela::chat;

class TstChatMessagesJson : public QObject {
    Q_OBJECT

private slots:
    void parsesMessages()
    {
        const auto m = parseMessagesJson(R"([
            {"role": "system", "content": "S"},
            {"role": "user", "content": "¿Qué? <|im_end|>", "name": "ignored"},
            {"role": "assistant", "content": "A", "reasoning_content": "R"},
            {"role": "assistant", "content": "B", "reasoning_content": null},
            {"role": "tool", "content": ""}
        ])");
        QCOMPARE(m.size(), size_t(5));
        QCOMPARE(m[0].role, Role::System);
        QCOMPARE(m[1].role, Role::User);
        QCOMPARE(m[1].content, std::string("¿Qué? <|im_end|>"));
        QCOMPARE(m[2].role, Role::Assistant);
        QCOMPARE(m[2].reasoning, std::optional<std::string>("R"));
        QVERIFY(!m[3].reasoning.has_value()); // null is "not none" in the template: absent
        QCOMPARE(m[4].role, Role::Tool);
        QVERIFY(m[4].content.empty());
        QVERIFY(parseMessagesJson("[]").empty());
    }

    void rejectsBadShapes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("[{") << "not valid JSON";
        QTest::newRow("empty input") << QByteArray("") << "not valid JSON";
        QTest::newRow("invalid utf-8") << QByteArray("[{\"role\":\"user\",\"content\":\"\xff\"}]")
                                       << "not valid JSON";
        QTest::newRow("object") << QByteArray(R"({"role":"user","content":"x"})") << "JSON array";
        QTest::newRow("string") << QByteArray(R"("hello")") << "JSON array";
        QTest::newRow("element not object") << QByteArray(R"([{"role":"user","content":"x"}, 3])")
                                            << "message 1: must be an object";
        QTest::newRow("missing role") << QByteArray(R"([{"content":"x"}])") << "message 0: missing \"role\"";
        QTest::newRow("missing content") << QByteArray(R"([{"role":"user"}])") << "missing \"content\"";
        QTest::newRow("role not string") << QByteArray(R"([{"role":1,"content":"x"}])")
                                         << "\"role\" must be a string";
        QTest::newRow("content null") << QByteArray(R"([{"role":"user","content":null}])")
                                      << "\"content\" must be a string";
        QTest::newRow("content array") << QByteArray(R"([{"role":"user","content":["x"]}])")
                                       << "\"content\" must be a string";
        QTest::newRow("reasoning number")
            << QByteArray(R"([{"role":"assistant","content":"x","reasoning_content":5}])")
            << "\"reasoning_content\" must be a string or null";
        QTest::newRow("unknown role") << QByteArray(R"([{"role":"developer","content":"x"}])")
                                      << "unknown message role 'developer'";
        QTest::newRow("tool calls")
            << QByteArray(R"([{"role":"assistant","content":"","tool_calls":[]}])") << "tool_calls";
    }

    void rejectsBadShapes()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        try {
            parseMessagesJson(std::string_view(json.constData(), size_t(json.size())));
            QFAIL("no exception");
        } catch (const vela::InvalidInput& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(mentions), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TstChatMessagesJson)
#include "tst_chat_messages_json.moc"
