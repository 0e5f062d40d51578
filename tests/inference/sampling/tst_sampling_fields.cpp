// The table of sampling settings (sampling/fields.h): well formed, the
// presets of the Qwen3 model card, and SamplingParams::validate holding
// exactly the table's ranges with the table's messages.
#include "common/error.h"
#include "common/sampling_edges.h"
#include "sampling/fields.h"
#include "sampling/sampler.h"

#include <QtTest/QtTest>

#include <cctype>
#include <cmath>
#include <set>
#include <string>

using namespace vela;
using namespace vela::sampling;

class TestSamplingFields : public QObject {
    Q_OBJECT
private slots:
    void tableIsWellFormed();
    void rangesHaveOpenAndClosedEnds();
    void presetsAreTheTables();
    void validateHoldsTheTablesRanges();
    void messagesNameFieldValueAndRange();
};

void TestSamplingFields::tableIsWellFormed()
{
    std::set<std::string_view> keys, flags, labels;
    for (const Field& f : fields()) {
        QVERIFY2(keys.insert(f.key).second, f.key.data());
        QVERIFY(labels.insert(f.label).second);
        for (char c : f.key)
            QVERIFY2(std::islower(static_cast<unsigned char>(c)) || c == '_', f.key.data()); // SQL column, JSON key
        QCOMPARE(findField(f.key), &f);
        QVERIFY(f.range.min < f.range.max);
        // A CLI flag only where the value reaches the sampler.
        if (!f.flag.empty()) {
            QVERIFY(f.inSampler());
            QVERIFY(f.flag.substr(0, 2) == "--");
            QVERIFY(flags.insert(f.flag).second);
        }
        QCOMPARE(f.thinking.has_value(), f.inSampler());
        QCOMPARE(f.nonThinking.has_value(), f.inSampler());
        if (f.inSampler()) {
            QVERIFY(!f.flag.empty());
            QCOMPARE(check(f, *f.thinking), ValueCheck::Ok);
            QCOMPARE(check(f, *f.nonThinking), ValueCheck::Ok);
        }
    }
    QCOMPARE(findField("no_such_setting"), nullptr);
}

void TestSamplingFields::rangesHaveOpenAndClosedEnds()
{
    const Range half{0.0, 1.0, true, false};
    QVERIFY(!half.contains(0.0));
    QVERIFY(half.contains(1e-9));
    QVERIFY(half.contains(1.0));
    QVERIFY(!half.contains(std::nan("")));
    QVERIFY(!half.contains(INFINITY));
    QCOMPARE(half.text(), std::string("(0, 1]"));
    QCOMPARE((Range{-100.0, 100.0}.text()), std::string("[-100, 100]"));
    QCOMPARE((Range{0.0, 2147483647.0, false, true}.text()), std::string("[0, 2147483647)"));
    QCOMPARE(formatValue(0.95f), std::string("0.95")); // a float prints as its double would
    QCOMPARE(formatValue(0.5), std::string("0.5"));
}

void TestSamplingFields::presetsAreTheTables()
{
    // The model card's figures, checked against the table's, not only each
    // other: thinking T 0.6, top-p 0.95, top-k 20, min-p 0; non-thinking
    // T 0.7, top-p 0.8, top-k 20, min-p 0.
    QCOMPARE(*findField("temperature")->thinking, 0.6);
    QCOMPARE(*findField("top_p")->thinking, 0.95);
    QCOMPARE(*findField("top_k")->thinking, 20.0);
    QCOMPARE(*findField("min_p")->thinking, 0.0);
    QCOMPARE(*findField("temperature")->nonThinking, 0.7);
    QCOMPARE(*findField("top_p")->nonThinking, 0.8);
    QCOMPARE(*findField("top_k")->nonThinking, 20.0);
    QCOMPARE(*findField("min_p")->nonThinking, 0.0);
    const SamplingParams t = SamplingParams::thinking(), n = SamplingParams::nonThinking(), plain;
    for (const Field& f : fields()) {
        if (!f.inSampler())
            continue;
        QCOMPARE(get(t, f), double(float(*f.thinking)));
        QCOMPARE(get(n, f), double(float(*f.nonThinking)));
        // SamplingParams' own defaults are the non-thinking preset.
        QCOMPARE(get(plain, f), get(n, f));
    }
}

void TestSamplingFields::validateHoldsTheTablesRanges()
{
    for (const Field& f : fields()) {
        if (!f.inSampler())
            continue;
        for (const auto& [value, valid] : test::samplingEdges(f)) {
            SamplingParams p;
            set(p, f, value);
            const QString what = QStringLiteral("%1 = %2").arg(f.key.data()).arg(value);
            if (valid) {
                try {
                    p.validate();
                } catch (const InvalidInput& e) {
                    QFAIL(qPrintable(what + QStringLiteral(": ") + e.what()));
                }
                continue;
            }
            // An integer field cannot hold 2.5: set() truncates, so only
            // out-of-range integers reach validate.
            if (f.kind == FieldKind::Integer && value != std::floor(value))
                continue;
            QVERIFY_THROWS_EXCEPTION(InvalidInput, p.validate());
        }
    }
}

void TestSamplingFields::messagesNameFieldValueAndRange()
{
    SamplingParams p;
    p.topP = 0.0f;
    try {
        p.validate();
        QFAIL("top-p 0 accepted");
    } catch (const InvalidInput& e) {
        QCOMPARE(std::string(e.what()), "sampling: " + *valueError(*findField("top_p"), 0.0));
        QCOMPARE(std::string(e.what()), std::string("sampling: Top-p 0 is outside (0, 1]"));
    }
    p = {};
    p.repeatPenalty = 50.0f;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, p.validate());
    QCOMPARE(*valueError(*findField("repeat_penalty"), 50.0), std::string("Repeat penalty 50 is outside (0, 10]"));
    QCOMPARE(*valueError(*findField("top_k"), 2.5), std::string("Top-k 2.5 is not a whole number"));
    QVERIFY(!valueError(*findField("top_k"), 40.0));
}

QTEST_APPLESS_MAIN(TestSamplingFields)
#include "tst_sampling_fields.moc"
