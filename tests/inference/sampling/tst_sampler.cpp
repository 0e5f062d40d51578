// The sampler chain, statistically: each filter never lets through what it
// must remove, frequencies follow the distribution, seeds reproduce.
#include "common/error.h"
#include "backend/backend.h"
#include "sampling/sampler.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>

using namespace vela;
using namespace vela::sampling;

namespace {

std::vector<float> randomLogits(size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> d(0.0f, 3.0f);
    std::vector<float> v(n);
    for (float& x : v)
        x = d(rng);
    return v;
}

std::vector<int> ranking(const std::vector<float>& logits)
{
    std::vector<int> r(logits.size());
    std::iota(r.begin(), r.end(), 0);
    std::sort(r.begin(), r.end(), [&](int a, int b) { return logits[a] > logits[b]; });
    return r;
}

std::vector<double> softmax(const std::vector<float>& l, float t = 1.0f)
{
    const float m = *std::max_element(l.begin(), l.end());
    std::vector<double> p(l.size());
    double s = 0;
    for (size_t i = 0; i < l.size(); ++i)
        s += p[i] = std::exp((l[i] - m) / t);
    for (double& x : p)
        x /= s;
    return p;
}

SamplingParams plain(float temp = 1.0f)
{
    SamplingParams p;
    p.temperature = temp;
    p.topK = 0;
    p.topP = 1.0f;
    p.minP = 0.0f;
    return p;
}

} // namespace

class TestSampler : public QObject {
    Q_OBJECT
private slots:
    void greedyIsArgmax();
    void topKNeverLeavesTheKBest();
    void topPKeepsTheSmallestSufficientSet();
    void minPDropsUnlikelyTokens();
    void frequenciesFollowTheDistribution();
    void temperatureSharpens();
    void fixedSeedReproduces();
    void penalties();
    void mirostatKeepsSurpriseNearTau();
    void presetsFromTheModelCard();
    void invalidParameters();
    void bestLogitsChooseAsAllLogits_data();
    void bestLogitsChooseAsAllLogits();
    void candidatesNeeded();
};

void TestSampler::greedyIsArgmax()
{
    for (unsigned s = 0; s < 50; ++s) {
        auto l = randomLogits(1000, s);
        Sampler sampler(SamplingParams::greedy());
        QCOMPARE(sampler.sample(l, {}), TokenId(std::max_element(l.begin(), l.end()) - l.begin()));
    }
}

void TestSampler::topKNeverLeavesTheKBest()
{
    auto l = randomLogits(500, 7);
    const auto r = ranking(l);
    SamplingParams p = plain(5.0f); // flat enough that every kept token gets drawn
    p.topK = 10;
    p.seed = 3;
    Sampler s(p);
    std::set<int> seen;
    for (int i = 0; i < 5000; ++i) {
        const TokenId t = s.sample(l, {});
        QVERIFY(std::find(r.begin(), r.begin() + 10, t) != r.begin() + 10);
        seen.insert(t);
    }
    QCOMPARE(seen.size(), size_t(10));
}

void TestSampler::topPKeepsTheSmallestSufficientSet()
{
    auto l = randomLogits(300, 11);
    const auto r = ranking(l);
    const auto prob = softmax(l);
    SamplingParams p = plain();
    p.topP = 0.5f;
    double cum = 0;
    size_t needed = 0;
    while (cum < 0.5) {
        cum += prob[size_t(r[needed])];
        ++needed;
    }
    Sampler s(p);
    for (int i = 0; i < 3000; ++i) {
        const TokenId t = s.sample(l, {});
        QVERIFY(std::find(r.begin(), r.begin() + ptrdiff_t(needed), t) != r.begin() + ptrdiff_t(needed));
    }
}

void TestSampler::minPDropsUnlikelyTokens()
{
    auto l = randomLogits(300, 12);
    const auto prob = softmax(l);
    const double best = *std::max_element(prob.begin(), prob.end());
    SamplingParams p = plain();
    p.minP = 0.2f;
    Sampler s(p);
    for (int i = 0; i < 3000; ++i)
        QVERIFY(prob[size_t(s.sample(l, {}))] >= 0.2 * best - 1e-9);
}

void TestSampler::frequenciesFollowTheDistribution()
{
    const std::vector<float> l = {std::log(0.5f), std::log(0.3f), std::log(0.2f)};
    Sampler s(plain());
    std::map<int, int> counts;
    const int n = 20000;
    for (int i = 0; i < n; ++i)
        ++counts[s.sample(l, {})];
    // Binomial standard deviation ≈ 0.0035: allow 5 sigma.
    QVERIFY(std::fabs(counts[0] / double(n) - 0.5) < 0.018);
    QVERIFY(std::fabs(counts[1] / double(n) - 0.3) < 0.018);
    QVERIFY(std::fabs(counts[2] / double(n) - 0.2) < 0.018);
}

void TestSampler::temperatureSharpens()
{
    const std::vector<float> l = {1.0f, 0.0f};
    auto share = [&](float t) {
        Sampler s(plain(t));
        int first = 0;
        for (int i = 0; i < 10000; ++i)
            first += s.sample(l, {}) == 0;
        return first / 10000.0;
    };
    const double cold = share(0.25f), warm = share(1.0f), hot = share(4.0f);
    QVERIFY(std::fabs(cold - softmax(l, 0.25f)[0]) < 0.02);
    QVERIFY(std::fabs(warm - softmax(l, 1.0f)[0]) < 0.02);
    QVERIFY(cold > warm && warm > hot);
}

void TestSampler::fixedSeedReproduces()
{
    auto l = randomLogits(1000, 5);
    SamplingParams p = SamplingParams::thinking();
    p.seed = 42;
    Sampler a(p), b(p);
    std::vector<TokenId> x, y;
    for (int i = 0; i < 200; ++i) {
        x.push_back(a.sample(l, {}));
        y.push_back(b.sample(l, {}));
    }
    QCOMPARE(x, y);
    p.seed = 43;
    Sampler c(p);
    std::vector<TokenId> z;
    for (int i = 0; i < 200; ++i)
        z.push_back(c.sample(l, {}));
    QVERIFY(x != z);
}

void TestSampler::penalties()
{
    // Token 0 is best by a small margin; a repetition penalty makes 1 win greedily.
    const std::vector<float> l = {2.0f, 1.9f, -1.0f};
    SamplingParams p = SamplingParams::greedy();
    QCOMPARE(Sampler(p).sample(l, std::vector<TokenId>{0}), 0);
    p.repeatPenalty = 1.2f;
    QCOMPARE(Sampler(p).sample(l, std::vector<TokenId>{0}), 1);
    // Only the last N tokens count.
    p.penaltyLastN = 1;
    QCOMPARE(Sampler(p).sample(l, std::vector<TokenId>{0, 2}), 0);
    // Negative logits are pushed further down, not up.
    const std::vector<float> neg = {-1.0f, -1.05f};
    p = SamplingParams::greedy();
    p.repeatPenalty = 1.5f;
    QCOMPARE(Sampler(p).sample(neg, std::vector<TokenId>{0}), 1);
    // Presence subtracts once, frequency per occurrence.
    p = SamplingParams::greedy();
    p.frequencyPenalty = 0.06f;
    QCOMPARE(Sampler(p).sample(l, std::vector<TokenId>{0}), 0);    // 2.0 - 0.06 > 1.9
    QCOMPARE(Sampler(p).sample(l, std::vector<TokenId>{0, 0}), 1); // 2.0 - 0.12 < 1.9
    p = SamplingParams::greedy();
    p.presencePenalty = 0.2f;
    QCOMPARE(Sampler(p).sample(l, std::vector<TokenId>{0}), 1);
}

void TestSampler::mirostatKeepsSurpriseNearTau()
{
    auto l = randomLogits(2000, 9);
    for (float& x : l)
        x /= 3.0f; // entropy ≈ 10 bits: truncation is needed to reach a low tau
    const auto prob = softmax(l);
    // Mirostat controls the surprise within its truncated set; the surprise
    // under the full distribution must still grow with tau, and mu settle.
    auto run = [&](float tau, float& mu) {
        SamplingParams p = plain();
        p.mirostat = true;
        p.mirostatTau = tau;
        p.mirostatEta = 0.1f;
        Sampler s(p);
        double surprise = 0;
        const int n = 4000;
        for (int i = 0; i < n; ++i)
            surprise += -std::log2(prob[size_t(s.sample(l, {}))]);
        mu = s.mirostatMu();
        return surprise / n;
    };
    float muLow = 0, muHigh = 0;
    const double low = run(2.0f, muLow), high = run(6.0f, muHigh);
    QVERIFY2(low + 1.0 < high, qPrintable(QStringLiteral("%1 vs %2").arg(low).arg(high)));
    QVERIFY(muLow > 0.0f && muLow < 10.0f);
    QVERIFY(muHigh > muLow && muHigh < 20.0f);
}

void TestSampler::presetsFromTheModelCard()
{
    const SamplingParams t = SamplingParams::thinking(), n = SamplingParams::nonThinking();
    QCOMPARE(t.temperature, 0.6f);
    QCOMPARE(t.topP, 0.95f);
    QCOMPARE(t.topK, 20);
    QCOMPARE(t.minP, 0.0f);
    QCOMPARE(n.temperature, 0.7f);
    QCOMPARE(n.topP, 0.8f);
    QCOMPARE(n.topK, 20);
}

void TestSampler::invalidParameters()
{
    SamplingParams p;
    p.temperature = -0.5f;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, Sampler{p});
    p = {};
    p.topP = 1.5f;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, Sampler{p});
    p = {};
    p.topP = 0.0f;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, Sampler{p});
    p = {};
    p.minP = -0.1f;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, Sampler{p});
    p = {};
    p.repeatPenalty = 0.0f;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, Sampler{p});
    Sampler ok{SamplingParams{}};
    QVERIFY_THROWS_EXCEPTION(InvalidInput, ok.sample(std::span<const float>{}, {}));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, ok.sample(std::span<const TokenLogit>{}, {}));
}

void TestSampler::bestLogitsChooseAsAllLogits_data()
{
    QTest::addColumn<float>("temperature");
    QTest::addColumn<int>("topK");
    QTest::addColumn<float>("repeat");
    QTest::addColumn<float>("presence");
    QTest::addColumn<float>("frequency");
    QTest::newRow("greedy") << 0.0f << 20 << 1.0f << 0.0f << 0.0f;
    QTest::newRow("greedy, penalties") << 0.0f << 20 << 1.5f << 0.5f << 0.2f;
    QTest::newRow("thinking preset") << 0.6f << 20 << 1.0f << 0.0f << 0.0f;
    QTest::newRow("top-k 40, repeat penalty") << 0.8f << 40 << 1.3f << 0.0f << 0.0f;
    QTest::newRow("presence + frequency") << 0.7f << 20 << 1.0f << 1.5f << 0.5f;
    QTest::newRow("top-k 1") << 1.0f << 1 << 2.0f << 0.0f << 0.0f;
}

// Sampling from the best candidatesNeeded() logits (what a GPU backend reads
// back) chooses exactly what sampling from every logit does, token after
// token with the same seed, even when penalties push tokens of the top out.
void TestSampler::bestLogitsChooseAsAllLogits()
{
    QFETCH(float, temperature);
    QFETCH(int, topK);
    QFETCH(float, repeat);
    QFETCH(float, presence);
    QFETCH(float, frequency);
    SamplingParams p = SamplingParams::thinking();
    p.temperature = temperature;
    p.topK = topK;
    p.repeatPenalty = repeat;
    p.presencePenalty = presence;
    p.frequencyPenalty = frequency;
    p.seed = 11;
    Sampler full(p), partial(p);
    std::vector<TokenId> history;
    for (unsigned step = 0; step < 300; ++step) {
        auto logits = randomLogits(5000, step);
        // The history favours the currently best tokens, so penalties bite.
        const auto order = ranking(logits);
        history.push_back(order[step % 7]);
        for (int i = 0; i < 5; ++i)
            logits[size_t(order[size_t(i) * 3])] = logits[size_t(order[0])]; // ties at the top
        const size_t need = partial.candidatesNeeded(history);
        QVERIFY(need > 0);
        std::vector<TokenLogit> best;
        backend::selectTop(logits, uint32_t(need), best);
        const TokenId a = full.sample(logits, history);
        const TokenId b = partial.sample(best, history);
        QCOMPARE(b, a);
        history.push_back(a);
    }
}

void TestSampler::candidatesNeeded()
{
    SamplingParams p = SamplingParams::greedy();
    QCOMPARE(Sampler(p).candidatesNeeded({}), size_t(1));
    p = SamplingParams::nonThinking();
    QCOMPARE(Sampler(p).candidatesNeeded({}), size_t(20));
    p.repeatPenalty = 1.1f;
    const std::vector<TokenId> history = {5, 6, 5, 7};
    QCOMPARE(Sampler(p).candidatesNeeded(history), size_t(23)); // 3 distinct penalized tokens
    p.penaltyLastN = 2;
    QCOMPARE(Sampler(p).candidatesNeeded(history), size_t(22)); // only {5, 7} in the window
    p.repeatPenalty = 0.9f; // raises logits: every logit is needed
    QCOMPARE(Sampler(p).candidatesNeeded(history), size_t(0));
    p = SamplingParams::nonThinking();
    p.topK = 0;
    QCOMPARE(Sampler(p).candidatesNeeded({}), size_t(0));
    p.topK = 20;
    p.mirostat = true;
    QCOMPARE(Sampler(p).candidatesNeeded({}), size_t(0));
}

QTEST_APPLESS_MAIN(TestSampler)
#include "tst_sampler.moc"
