// ChatSettings and the drawer's model of sampling settings, held to the
// engine's table: every value the settings model accepts is stored and
// accepted by the sampler, every value it refuses the engine refuses too,
// with the same words.
#include "chat_settings.h"
#include "common/error.h"
#include "common/sampling_edges.h"
#include "prompt_builder.h"
#include "storage/conversation_store.h"
#include "storage/sampling_slots.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace vela;
using namespace vela::app;

namespace {

QString keyOf(const sampling::Field& f) { return QString::fromLatin1(f.key.data(), qsizetype(f.key.size())); }

// What validate() says about `value` in field `f` over the stored settings, without "sampling: ".
QString engineError(const storage::ConversationSettings& stored, const sampling::Field& f, double value)
{
    sampling::SamplingParams p = samplingFor(stored);
    sampling::set(p, f, value);
    try {
        p.validate();
    } catch (const InvalidInput& e) {
        return QString::fromUtf8(e.what()).remove(QStringLiteral("sampling: "));
    }
    return {};
}

} // namespace

class TestChatSettings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::system()); }

    void oneRowPerFieldWithItsLabel()
    {
        ChatSettings settings;
        QAbstractItemModel* model = settings.fields();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), int(sampling::fields().size()));
        const QHash<int, QByteArray> roles = model->roleNames();
        auto role = [&](const QByteArray& name) { return roles.key(name, -1); };
        for (int row = 0; row < model->rowCount(); ++row) {
            const sampling::Field& f = sampling::fields()[size_t(row)];
            const QModelIndex i = model->index(row, 0);
            QCOMPARE(i.data(role("key")).toString(), keyOf(f));
            // The translation table's source text is the engine's label (no translator here).
            QCOMPARE(i.data(role("label")).toString(), QString::fromLatin1(f.label.data(), qsizetype(f.label.size())));
            QCOMPARE(i.data(role("range")).toString(), QString::fromStdString(f.range.text()));
            QVERIFY(!i.data(role("preset")).toString().isEmpty());
            QVERIFY(i.data(role("value")).toString().isEmpty());
            QVERIFY(i.data(role("error")).toString().isEmpty());
        }
        // The preset follows the mode; a typed value and a refusal show in their row.
        const int topP = 2;
        QCOMPARE(keyOf(sampling::fields()[topP]), QStringLiteral("top_p"));
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        settings.setThinking(true);
        QCOMPARE(model->index(topP, 0).data(role("preset")).toString(), QStringLiteral("0.95"));
        settings.setThinking(false);
        QCOMPARE(model->index(topP, 0).data(role("preset")).toString(), QStringLiteral("0.8"));
        QVERIFY(settings.setText(QStringLiteral("top_p"), QStringLiteral("0.5")));
        QCOMPARE(model->index(topP, 0).data(role("value")).toString(), QStringLiteral("0.5"));
        QVERIFY(!settings.setText(QStringLiteral("top_p"), QStringLiteral("0")));
        QCOMPARE(model->index(topP, 0).data(role("error")).toString(), QStringLiteral("Top-p 0 is outside (0, 1]"));
        QCOMPARE(model->index(topP, 0).data(role("value")).toString(), QStringLiteral("0.5")); // kept
        QVERIFY(settings.setText(QStringLiteral("top_p"), QString()));
        QVERIFY(model->index(topP, 0).data(role("error")).toString().isEmpty());
        QCOMPARE(changed.size(), 4); // one per change: mode, value, refusal, cleared (true was already set)
        QCOMPARE(model->rowCount(), int(sampling::fields().size())); // rows never reset
        QVERIFY(!settings.setText(QStringLiteral("top_p"), QStringLiteral("warm")));
        QCOMPARE(settings.error(QStringLiteral("top_p")), QStringLiteral("Top-p: \"warm\" is not a number"));
        QVERIFY(!settings.setText(QStringLiteral("no_such_setting"), QStringLiteral("1")));
    }

    // The walk of issue 15: each field's range edges typed into the settings
    // model, stored as ChatController stores them, read back and built into
    // the reply options, which the sampler must accept.
    void acceptedValuesReachTheSampler()
    {
        QTemporaryDir dir;
        storage::ConversationStore store(dir.path());
        const std::int64_t id = store.createConversation(QStringLiteral("edges")).id;
        ChatSettings settings;
        connect(&settings, &ChatSettings::edited, &settings,
                [&](const storage::ConversationSettings& s) { store.updateSettings(id, s); });
        for (bool thinking : {true, false}) {
            settings.setThinking(thinking);
            for (const sampling::Field& f : sampling::fields()) {
                for (const auto& [value, valid] : test::samplingEdges(f)) {
                    const QString text = QString::fromStdString(sampling::formatValue(value));
                    const QString what = keyOf(f) + QStringLiteral(" = ") + text;
                    settings.resetSampling();
                    const bool accepted = settings.setText(keyOf(f), text);
                    QVERIFY2(accepted == valid, qPrintable(what + QStringLiteral(": ") + settings.error(keyOf(f))));
                    const storage::ConversationSettings stored = store.conversation(id)->settings;
                    if (!accepted) {
                        QVERIFY(!storage::fieldValue(stored.sampling, f)); // nothing stored
                        QCOMPARE(settings.error(keyOf(f)), QString::fromStdString(*sampling::valueError(f, value)));
                        // The engine refuses it in the same words (where it can
                        // hold the value at all: not 2.5 in an int, not 1e-50 in a float).
                        const bool representable = f.kind == sampling::FieldKind::Integer
                                                       ? value == std::floor(value)
                                                       : sampling::formatValue(double(float(value))) == text.toStdString();
                        if (f.inSampler() && representable)
                            QCOMPARE(engineError(stored, f, value), settings.error(keyOf(f)));
                        continue;
                    }
                    QCOMPARE(storage::fieldValue(stored.sampling, f), std::optional<double>(value));
                    const ReplyOptions options = replyOptionsFor(stored, 1);
                    try {
                        options.sampling->validate();
                    } catch (const InvalidInput& e) {
                        QFAIL(qPrintable(what + QStringLiteral(": ") + e.what()));
                    }
                    if (f.inSampler())
                        QCOMPARE(sampling::get(*options.sampling, f), f.kind == sampling::FieldKind::Real
                                                                           ? double(float(value))
                                                                           : value);
                    else if (f.key == "max_tokens")
                        QCOMPARE(options.maxTokens, int(value));
                }
            }
        }
    }

    void refusedWithTheEnginesMessage()
    {
        ChatSettings settings;
        QSignalSpy edited(&settings, &ChatSettings::edited);
        const std::pair<const char*, const char*> cases[] = {{"top_p", "0"}, {"repeat_penalty", "50"}};
        for (const auto& [key, text] : cases) {
            QVERIFY(!settings.setText(QLatin1String(key), QLatin1String(text)));
            const sampling::Field& f = *sampling::findField(key);
            QCOMPARE(settings.error(QLatin1String(key)), engineError(settings.value(), f, std::atof(text)));
            QVERIFY(!settings.error(QLatin1String(key)).isEmpty());
        }
        QCOMPARE(settings.error(QStringLiteral("repeat_penalty")), QStringLiteral("Repeat penalty 50 is outside (0, 10]"));
        QCOMPARE(edited.size(), 0);
        QVERIFY(settings.value().sampling == storage::SamplingSettings{});
        // Accepted at last, the message goes; another conversation starts clean.
        QVERIFY(settings.setText(QStringLiteral("repeat_penalty"), QStringLiteral("1.1")));
        QVERIFY(settings.error(QStringLiteral("repeat_penalty")).isEmpty());
        QVERIFY(!settings.error(QStringLiteral("top_p")).isEmpty());
        settings.setValue({});
        QVERIFY(settings.error(QStringLiteral("top_p")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChatSettings)
#include "tst_chat_settings.moc"
