// Rendering of the chat template families against Jinja2-rendered prompts.
#include "chat/chat_format.h"
#include "chat/messages_json.h"
#include "common/error.h"
#include "gguf/gguf_file.h"

#include "common/shared_fixtures.h"
#include "qwen25_template.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QTest>

using namespace vela::chat;

namespace {

struct Case {
    TemplateFamily family;
    std::vector<Message> messages;
    RenderOptions options;
    std::string expected;
};

QJsonArray readJsonArray(const std::filesystem::path& path)
{
    QFile f(QString::fromStdString(path.string()));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", path.string().c_str());
    return QJsonDocument::fromJson(f.readAll()).array();
}

} // namespace

Q_DECLARE_METATYPE(Case)

class TstChatFormat : public QObject {
    Q_OBJECT

private slots:
    // Every case of the golden file (official Qwen3 template, Jinja2), byte for byte.
    void qwen3Golden()
    {
        VELA_REQUIRE_SHARED();
        const QJsonArray cases = readJsonArray(vela::test::fixture("chat_template/chat_template_golden.json"));
        QVERIFY(!cases.isEmpty());
        for (const QJsonValue& v : cases) {
            const QJsonObject c = v.toObject();
            const QByteArray messagesJson = QJsonDocument(c["messages"].toArray()).toJson(QJsonDocument::Compact);
            const auto messages = parseMessagesJson(messagesJson.toStdString());
            RenderOptions options;
            options.addGenerationPrompt = c["add_generation_prompt"].toBool();
            options.enableThinking = c["enable_thinking"].toBool();
            const std::string got = render(TemplateFamily::Qwen3, messages, options).text();
            const std::string want = c["prompt"].toString().toStdString();
            if (got != want)
                QFAIL(qPrintable(QStringLiteral("case %1:\n got: %2\nwant: %3")
                                     .arg(c["name"].toString(), QString::fromStdString(got),
                                          QString::fromStdString(want))));
        }
    }

    // Cases the golden file does not cover (tool results, system messages in
    // the middle, reasoning_content precedence, newline trimming, Qwen2.5,
    // plain ChatML); expected prompts rendered by Jinja2 from the official
    // templates (Qwen3: the fixture GGUF's; Qwen2.5: qwen25_template.h).
    void extraCases_data()
    {
        QTest::addColumn<Case>("c");
        QTest::newRow("qwen3_tool_flow") << Case{TemplateFamily::Qwen3,
            {{Role::System, "S"},
             {Role::User, "Weather?"},
             {Role::Assistant, "<think>\nneed tool\n</think>\n\nCalling."},
             {Role::Tool, "{\"t\": 20}"},
             {Role::Tool, "{\"h\": 5}"},
             {Role::Assistant, "<think>\nhave data\n</think>\n\nIt is 20."}},
            {false, true},
            "<|im_start|>system\nS<|im_end|>\n"
            "<|im_start|>user\nWeather?<|im_end|>\n"
            "<|im_start|>assistant\n<think>\nneed tool\n</think>\n\nCalling.<|im_end|>\n"
            "<|im_start|>user\n<tool_response>\n{\"t\": 20}\n</tool_response>\n<tool_response>\n{\"h\": 5}\n</tool_response><|im_end|>\n"
            "<|im_start|>assistant\n<think>\nhave data\n</think>\n\nIt is 20.<|im_end|>\n"};
        QTest::newRow("qwen3_wrapped_tool_response_is_not_a_query") << Case{TemplateFamily::Qwen3,
            {{Role::User, "Q"},
             {Role::Assistant, "<think>r1</think>A1"},
             {Role::User, "<tool_response>\nx\n</tool_response>"},
             {Role::Assistant, "A2"}},
            {true, true},
            "<|im_start|>user\nQ<|im_end|>\n"
            "<|im_start|>assistant\n<think>\nr1\n</think>\n\nA1<|im_end|>\n"
            "<|im_start|>user\n<tool_response>\nx\n</tool_response><|im_end|>\n"
            "<|im_start|>assistant\n<think>\n\n</think>\n\nA2<|im_end|>\n"
            "<|im_start|>assistant\n"};
        QTest::newRow("qwen3_mid_system") << Case{TemplateFamily::Qwen3,
            {{Role::System, "A"},
             {Role::User, "u"},
             {Role::System, "B"},
             {Role::User, "v"}},
            {true, false},
            "<|im_start|>system\nA<|im_end|>\n"
            "<|im_start|>user\nu<|im_end|>\n"
            "<|im_start|>system\nB<|im_end|>\n"
            "<|im_start|>user\nv<|im_end|>\n"
            "<|im_start|>assistant\n<think>\n\n</think>\n\n"};
        QTest::newRow("qwen3_reasoning_field_wins") << Case{TemplateFamily::Qwen3,
            {{Role::User, "q"},
             {Role::Assistant, "x</think>y", "R"}},
            {false, true},
            "<|im_start|>user\nq<|im_end|>\n"
            "<|im_start|>assistant\n<think>\nR\n</think>\n\nx</think>y<|im_end|>\n"};
        QTest::newRow("qwen3_newline_trimming") << Case{TemplateFamily::Qwen3,
            {{Role::User, "q"},
             {Role::Assistant, "\n\n<think>\n\nr\n\n</think>\n\n\nans\n"}},
            {false, true},
            "<|im_start|>user\nq<|im_end|>\n"
            "<|im_start|>assistant\n<think>\nr\n</think>\n\nans\n<|im_end|>\n"};
        QTest::newRow("qwen3_no_user") << Case{TemplateFamily::Qwen3,
            {{Role::System, "s"},
             {Role::Assistant, "<think>r</think>a"}},
            {true, true},
            "<|im_start|>system\ns<|im_end|>\n"
            "<|im_start|>assistant\na<|im_end|>\n"
            "<|im_start|>assistant\n"};
        QTest::newRow("qwen25_default_system") << Case{TemplateFamily::Qwen25,
            {{Role::User, "Hi"}},
            {true, false},
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\nHi<|im_end|>\n"
            "<|im_start|>assistant\n"};
        QTest::newRow("qwen25_no_think_handling") << Case{TemplateFamily::Qwen25,
            {{Role::System, "Custom"},
             {Role::User, "a"},
             {Role::Assistant, "<think>x</think>b", "R"},
             {Role::Tool, "t1"},
             {Role::Tool, "t2"},
             {Role::User, "c"}},
            {true, true},
            "<|im_start|>system\nCustom<|im_end|>\n"
            "<|im_start|>user\na<|im_end|>\n"
            "<|im_start|>assistant\n<think>x</think>b<|im_end|>\n"
            "<|im_start|>user\n<tool_response>\nt1\n</tool_response>\n<tool_response>\nt2\n</tool_response><|im_end|>\n"
            "<|im_start|>user\nc<|im_end|>\n"
            "<|im_start|>assistant\n"};
        QTest::newRow("qwen25_no_generation_prompt") << Case{TemplateFamily::Qwen25,
            {{Role::User, "a"},
             {Role::Assistant, "b"}},
            {false, true},
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
            "<|im_start|>user\na<|im_end|>\n"
            "<|im_start|>assistant\nb<|im_end|>\n"};
        QTest::newRow("chatml_roles") << Case{TemplateFamily::ChatML,
            {{Role::System, "s"},
             {Role::User, "u"},
             {Role::Assistant, "a", "R"},
             {Role::Tool, "t"}},
            {true, true},
            "<|im_start|>system\ns<|im_end|>\n"
            "<|im_start|>user\nu<|im_end|>\n"
            "<|im_start|>assistant\na<|im_end|>\n"
            "<|im_start|>tool\nt<|im_end|>\n"
            "<|im_start|>assistant\n"};
    }

    void extraCases()
    {
        QFETCH(Case, c);
        const RenderedPrompt p = render(c.family, c.messages, c.options);
        QCOMPARE(p.text(), c.expected);
    }

    void familyDetection()
    {
        QCOMPARE(detectFamily(std::string_view(kQwen25Template)), TemplateFamily::Qwen25);
        QCOMPARE(detectFamily(std::nullopt), TemplateFamily::Completion);
        QCOMPARE(detectFamily(std::string_view()), TemplateFamily::Completion);
        QCOMPARE(detectFamily(std::string_view(
                     "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
                     "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}")),
                 TemplateFamily::ChatML);
        // A non-ChatML template (Llama 3 style) cannot be rendered: completion.
        QCOMPARE(detectFamily(std::string_view(
                     "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>' }}")),
                 TemplateFamily::Completion);

        QCOMPARE(std::string(familyName(TemplateFamily::Qwen3)), std::string("qwen3"));
        QCOMPARE(std::string(familyName(TemplateFamily::Qwen25)), std::string("qwen2.5"));
        QCOMPARE(std::string(familyName(TemplateFamily::ChatML)), std::string("chatml"));
        QCOMPARE(std::string(familyName(TemplateFamily::Completion)), std::string("completion"));
    }

    void familyDetectionFromGguf()
    {
        VELA_REQUIRE_SHARED();
        const auto file = vela::gguf::File::open(vela::test::fixtureModel("qwen3-vocab.gguf"));
        QCOMPARE(detectFamily(file), TemplateFamily::Qwen3);
        const auto tiny = vela::gguf::File::open(vela::test::fixtureModel("tiny-qwen3-Q8_0.gguf"));
        QCOMPARE(detectFamily(tiny), TemplateFamily::Qwen3);
    }

    void qwen25DefaultSystemPrompt()
    {
        const std::vector<Message> withSystem = {{Role::System, "Be terse."}, {Role::User, "Hi"}};
        const std::vector<Message> without = {{Role::User, "Hi"}};
        const std::string a = render(TemplateFamily::Qwen25, without).text();
        const std::string b = render(TemplateFamily::Qwen25, withSystem).text();
        QVERIFY(a.starts_with("<|im_start|>system\n" + std::string(kQwen25DefaultSystem) + "<|im_end|>\n"));
        QVERIFY(b.starts_with("<|im_start|>system\nBe terse.<|im_end|>\n"));
        QVERIFY(b.find("You are Qwen") == std::string::npos);
        // Qwen3 has no default system prompt.
        QVERIFY(render(TemplateFamily::Qwen3, without).text().starts_with("<|im_start|>user\n"));
    }

    void completionMode()
    {
        const std::vector<Message> one = {{Role::User, "Once upon a <|im_end|> time"}};
        RenderOptions o;
        o.enableThinking = false;
        const RenderedPrompt p = render(TemplateFamily::Completion, one, o);
        QCOMPARE(p.segments.size(), size_t(1));
        QVERIFY(!p.segments[0].markup);
        QCOMPARE(p.text(), one[0].content);

        const std::vector<std::vector<Message>> refused = {
            {{Role::System, "s"}, {Role::User, "u"}},
            {{Role::Assistant, "a"}},
            {{Role::User, "a"}, {Role::User, "b"}},
        };
        for (const auto& messages : refused)
            QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, render(TemplateFamily::Completion, messages));
    }

    void emptyConversationIsRefused()
    {
        for (auto f : {TemplateFamily::Qwen3, TemplateFamily::Qwen25, TemplateFamily::ChatML,
                       TemplateFamily::Completion})
            QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, render(f, std::span<const Message>()));
    }

    // Message text is never markup, whatever it looks like; template text always is.
    void segmentsSeparateContentFromMarkup()
    {
        const std::vector<Message> messages = {
            {Role::User, "<|im_end|>x"},
            {Role::Assistant, "<think>\nr\n</think>\n\na"},
            {Role::Tool, "<tool_response>"},
        };
        RenderOptions o;
        o.enableThinking = false;
        const RenderedPrompt p = render(TemplateFamily::Qwen3, messages, o);
        std::vector<std::string> content, markup;
        for (size_t i = 0; i < p.segments.size(); ++i) {
            const Segment& s = p.segments[i];
            QVERIFY(!s.text.empty());
            QVERIFY(i == 0 || p.segments[i - 1].markup != s.markup);
            (s.markup ? markup : content).push_back(s.text);
        }
        // The last assistant turn keeps its reasoning (after the last query).
        const std::vector<std::string> wantContent = {"<|im_end|>x", "r", "a", "<tool_response>"};
        const std::vector<std::string> wantMarkup = {
            "<|im_start|>user\n",
            "<|im_end|>\n<|im_start|>assistant\n<think>\n",
            "\n</think>\n\n",
            "<|im_end|>\n<|im_start|>user\n<tool_response>\n",
            "\n</tool_response><|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"};
        QCOMPARE(content, wantContent);
        QCOMPARE(markup, wantMarkup);
    }

    void splitThinkFollowsTheTemplate()
    {
        auto check = [](std::string_view in, std::string_view reasoning, std::string_view content) {
            const ThinkSplit s = splitThink(in);
            QCOMPARE(s.reasoning, std::string(reasoning));
            QCOMPARE(s.content, std::string(content));
        };
        check("plain", "", "plain");
        check("<think>\nr\n</think>\n\nc", "r", "c");
        check("a<think>\n\nr1<think>r2\n</think>x</think>\n\ny", "r2", "y");
        check("no open\n</think>c\n", "no open", "c\n");
        check("</think>", "", "");
        check("<think>only open", "", "<think>only open");
    }

    void roles()
    {
        QCOMPARE(parseRole("system"), Role::System);
        QCOMPARE(parseRole("user"), Role::User);
        QCOMPARE(parseRole("assistant"), Role::Assistant);
        QCOMPARE(parseRole("tool"), Role::Tool);
        QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, parseRole("User"));
        QVERIFY_THROWS_EXCEPTION(vela::InvalidInput, parseRole("developer"));
        QCOMPARE(std::string(roleName(Role::Assistant)), std::string("assistant"));
    }
};

QTEST_GUILESS_MAIN(TstChatFormat)
#include "tst_chat_format.moc"
