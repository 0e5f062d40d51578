// Dequantization: random blocks checked against per-element formulas written
// independently of the implementation (from the format description), half
// and bfloat16 conversions, the quantizers, and the fixture models (the same
// weights in every type, quantized by the reference runtime).
#include "common/shared_fixtures.h"
#include "gguf/gguf_file.h"
#include "quant/blocks.h"
#include "quant/dequantize.h"
#include "quant/float16.h"
#include "quant/quantize.h"

#include <QtTest/QtTest>

#include <cmath>
#include <random>

using namespace vela;
using namespace vela::quant;
using gguf::TensorType;

namespace {

std::mt19937 rng(1234);

template <typename Block> Block randomBlock()
{
    Block b;
    auto* p = reinterpret_cast<uint8_t*>(&b);
    for (size_t i = 0; i < sizeof(Block); ++i)
        p[i] = uint8_t(rng());
    return b;
}

uint16_t half(float f) { return floatToHalf(f); }

// Compare implementation output with the expected per-element values.
template <typename Block, typename Expected>
void check(TensorType type, int n, Block b, Expected expected)
{
    std::vector<float> y(n);
    dequantize(type, &b, y.data(), n);
    for (int e = 0; e < n; ++e) {
        const float want = expected(b, e);
        if (std::fabs(y[e] - want) > 1e-5f * std::max(1.0f, std::fabs(want)))
            QFAIL(qPrintable(QStringLiteral("%1 element %2: got %3, want %4")
                                 .arg(gguf::typeName(type).c_str()).arg(e).arg(y[e]).arg(want)));
    }
}

// 6-bit scale/min pairs of Q4_K/Q5_K, from the format's description:
// pairs 0-3 are the low 6 bits of bytes 0-3 (scale) and 4-7 (min); pairs 4-7
// take 4 low bits from byte j+4 (low nibble scale, high nibble min) and their
// 2 high bits from the top of byte j-4 (scale) or byte j (min).
int kScale(const uint8_t* s, int j) { return j < 4 ? (s[j] & 63) : ((s[j + 4] & 15) | ((s[j - 4] >> 6) << 4)); }
int kMin(const uint8_t* s, int j) { return j < 4 ? (s[j + 4] & 63) : ((s[j + 4] >> 4) | ((s[j] >> 6) << 4)); }

double relRms(const std::vector<float>& a, const std::vector<float>& ref)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        num += double(a[i] - ref[i]) * double(a[i] - ref[i]);
        den += double(ref[i]) * double(ref[i]);
    }
    return std::sqrt(num / std::max(den, 1e-30));
}

std::vector<float> tensorFloats(const gguf::TensorInfo& t)
{
    std::vector<float> out(t.nElements);
    dequantize(t.type, t.data, out.data(), out.size());
    return out;
}

} // namespace

class TestDequantize : public QObject {
    Q_OBJECT
private slots:
    void halfConversions();
    void bf16Conversions();
    void legacyQuants();
    void kQuants();
    void dotRowMatchesDequantize();
    void quantizersRoundTrip();
    void fixtureTypesMatchF32();
};

void TestDequantize::halfConversions()
{
    QCOMPARE(halfToFloat(0x3c00), 1.0f);
    QCOMPARE(halfToFloat(0xc000), -2.0f);
    QCOMPARE(halfToFloat(0x7bff), 65504.0f);
    QCOMPARE(halfToFloat(0x0001), std::ldexp(1.0f, -24));
    QCOMPARE(halfToFloat(0x03ff), std::ldexp(1023.0f, -24));
    QVERIFY(std::isinf(halfToFloat(0x7c00)));
    QVERIFY(std::isnan(halfToFloat(0x7e00)));
    QCOMPARE(floatToHalf(1.0f), uint16_t(0x3c00));
    QCOMPARE(floatToHalf(1e6f), uint16_t(0x7c00));
    QCOMPARE(floatToHalf(1.0f + std::ldexp(1.0f, -11)), uint16_t(0x3c00)); // tie → even
    QCOMPARE(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), uint16_t(0x3c02));
    for (uint32_t h = 0; h < 0x10000; ++h) {
        const float f = halfToFloat(uint16_t(h));
        if (!std::isnan(f) && floatToHalf(f) != h)
            QFAIL(qPrintable(QStringLiteral("half %1 does not round-trip").arg(h, 4, 16)));
    }
}

void TestDequantize::bf16Conversions()
{
    QCOMPARE(bf16ToFloat(0x3f80), 1.0f);
    QCOMPARE(bf16ToFloat(0xc040), -3.0f);
    QCOMPARE(floatToBf16(1.0f), uint16_t(0x3f80));
    QVERIFY(std::isnan(bf16ToFloat(floatToBf16(std::nanf("")))));
    QCOMPARE(floatToBf16(1.00390625f), uint16_t(0x3f80)); // exactly halfway → even
}

void TestDequantize::legacyQuants()
{
    for (int rep = 0; rep < 20; ++rep) {
        auto q40 = randomBlock<BlockQ4_0>();
        q40.d = half(0.5f);
        check(TensorType::Q4_0, 32, q40, [](const BlockQ4_0& b, int e) {
            const int nib = e < 16 ? (b.qs[e] & 15) : (b.qs[e - 16] >> 4);
            return float(nib - 8) * halfToFloat(b.d);
        });
        auto q41 = randomBlock<BlockQ4_1>();
        q41.d = half(0.25f);
        q41.m = half(-1.5f);
        check(TensorType::Q4_1, 32, q41, [](const BlockQ4_1& b, int e) {
            const int nib = e < 16 ? (b.qs[e] & 15) : (b.qs[e - 16] >> 4);
            return float(nib) * 0.25f - 1.5f;
        });
        auto q50 = randomBlock<BlockQ5_0>();
        q50.d = half(0.125f);
        check(TensorType::Q5_0, 32, q50, [](const BlockQ5_0& b, int e) {
            const int nib = e < 16 ? (b.qs[e] & 15) : (b.qs[e - 16] >> 4);
            const int hi = (b.qh[e / 8] >> (e % 8)) & 1; // bit e of the little-endian qh
            return float((nib | hi << 4) - 16) * 0.125f;
        });
        auto q51 = randomBlock<BlockQ5_1>();
        q51.d = half(2.0f);
        q51.m = half(3.0f);
        check(TensorType::Q5_1, 32, q51, [](const BlockQ5_1& b, int e) {
            const int nib = e < 16 ? (b.qs[e] & 15) : (b.qs[e - 16] >> 4);
            const int hi = (b.qh[e / 8] >> (e % 8)) & 1;
            return float(nib | hi << 4) * 2.0f + 3.0f;
        });
        auto q80 = randomBlock<BlockQ8_0>();
        q80.d = half(-0.75f);
        check(TensorType::Q8_0, 32, q80, [](const BlockQ8_0& b, int e) { return float(b.qs[e]) * -0.75f; });
    }
}

void TestDequantize::kQuants()
{
    for (int rep = 0; rep < 20; ++rep) {
        auto q2 = randomBlock<BlockQ2_K>();
        q2.d = half(0.5f);
        q2.dmin = half(0.25f);
        check(TensorType::Q2_K, 256, q2, [](const BlockQ2_K& b, int e) {
            // Element e: half h, 2-bit plane j, group g of 16, index l.
            const int h = e / 128, r = e % 128, j = r / 32, g = (r % 32) / 16, l = r % 16;
            const int q = (b.qs[32 * h + 16 * g + l] >> (2 * j)) & 3;
            const int sc = b.scales[8 * h + 2 * j + g];
            return 0.5f * float(sc & 15) * float(q) - 0.25f * float(sc >> 4);
        });
        auto q3 = randomBlock<BlockQ3_K>();
        q3.d = half(0.1f);
        check(TensorType::Q3_K, 256, q3, [](const BlockQ3_K& b, int e) {
            const int h = e / 128, r = e % 128, j = r / 32, g = (r % 32) / 16, l = r % 16;
            const int is = 8 * h + 2 * j + g;
            const int low4 = is < 8 ? (b.scales[is] & 15) : (b.scales[is - 8] >> 4);
            const int high2 = (b.scales[8 + is % 4] >> (2 * (is / 4))) & 3;
            const int scale = (low4 | high2 << 4) - 32;
            const int q = (b.qs[32 * h + 16 * g + l] >> (2 * j)) & 3;
            const bool hbit = (b.hmask[16 * g + l] >> (4 * h + j)) & 1;
            return halfToFloat(b.d) * float(scale) * float(q - (hbit ? 0 : 4));
        });
        auto q4 = randomBlock<BlockQ4_K>();
        q4.d = half(0.05f);
        q4.dmin = half(0.02f);
        check(TensorType::Q4_K, 256, q4, [](const BlockQ4_K& b, int e) {
            const int s = e / 32, l = e % 32;
            const uint8_t byte = b.qs[32 * (s / 2) + l];
            const int q = s % 2 == 0 ? (byte & 15) : (byte >> 4);
            return halfToFloat(b.d) * float(kScale(b.scales, s)) * float(q) -
                   halfToFloat(b.dmin) * float(kMin(b.scales, s));
        });
        auto q5 = randomBlock<BlockQ5_K>();
        q5.d = half(0.05f);
        q5.dmin = half(0.03f);
        check(TensorType::Q5_K, 256, q5, [](const BlockQ5_K& b, int e) {
            const int s = e / 32, l = e % 32;
            const uint8_t byte = b.qs[32 * (s / 2) + l];
            const int q = (s % 2 == 0 ? (byte & 15) : (byte >> 4)) + 16 * ((b.qh[l] >> s) & 1);
            return halfToFloat(b.d) * float(kScale(b.scales, s)) * float(q) -
                   halfToFloat(b.dmin) * float(kMin(b.scales, s));
        });
        auto q6 = randomBlock<BlockQ6_K>();
        q6.d = half(0.01f);
        check(TensorType::Q6_K, 256, q6, [](const BlockQ6_K& b, int e) {
            const int h = e / 128, r = e % 128, k = r / 32, l = r % 32;
            const uint8_t lowByte = b.ql[64 * h + 32 * (k % 2) + l];
            const int low = k < 2 ? (lowByte & 15) : (lowByte >> 4);
            const int high = (b.qh[32 * h + l] >> (2 * k)) & 3;
            const int sc = b.scales[8 * h + l / 16 + 2 * k];
            return halfToFloat(b.d) * float(sc) * float((low | high << 4) - 32);
        });
    }
}

void TestDequantize::dotRowMatchesDequantize()
{
    std::vector<uint8_t> raw(3 * 210);
    for (auto& v : raw)
        v = uint8_t(rng());
    for (int i = 0; i < 3; ++i)
        reinterpret_cast<BlockQ6_K*>(raw.data())[i].d = half(0.01f);
    std::vector<float> x(768), w(768);
    std::normal_distribution<float> nd;
    for (auto& v : x)
        v = nd(rng);
    dequantize(TensorType::Q6_K, raw.data(), w.data(), 768);
    double want = 0;
    for (int i = 0; i < 768; ++i)
        want += double(w[i]) * x[i];
    QVERIFY(std::fabs(dotRow(TensorType::Q6_K, raw.data(), x.data(), 768) - want) < 1e-3 * (1 + std::fabs(want)));
}

void TestDequantize::quantizersRoundTrip()
{
    std::normal_distribution<float> nd(0.0f, 0.02f);
    std::vector<float> x(4096);
    for (auto& v : x)
        v = nd(rng);
    const std::pair<TensorType, double> cases[] = {
        {TensorType::F16, 1e-3}, {TensorType::BF16, 1e-2}, {TensorType::Q8_0, 0.01},
        {TensorType::Q4_0, 0.15}, {TensorType::Q4_K, 0.12}, {TensorType::Q6_K, 0.03}};
    for (auto [type, tol] : cases) {
        auto bytes = quantize(type, x.data(), x.size());
        QCOMPARE(bytes.size(), rowBytes(type, x.size()));
        std::vector<float> y(x.size());
        dequantize(type, bytes.data(), y.data(), y.size());
        const double err = relRms(y, x);
        QVERIFY2(err < tol, qPrintable(QStringLiteral("%1: relative RMS error %2").arg(gguf::typeName(type).c_str()).arg(err)));
    }
    QVERIFY(canQuantize(TensorType::Q6_K));
    QVERIFY(!canQuantize(TensorType::Q5_K));
}

void TestDequantize::fixtureTypesMatchF32()
{
    VELA_REQUIRE_SHARED();
    const gguf::File ref = gguf::File::open(vela::test::fixtureModel("tiny-qwen3-F32.gguf"));
    // Relative RMS error of the whole model's weights: generous bounds for each
    // format, far below what a misread layout gives (≈ 1 or more).
    const std::pair<const char*, double> files[] = {
        {"F16", 0.001}, {"BF16", 0.01}, {"Q8_0", 0.01}, {"Q5_0", 0.06}, {"Q5_1", 0.06},
        {"Q4_0", 0.12}, {"Q4_1", 0.12}, {"Q6_K", 0.03}, {"pure-Q6_K", 0.03}, {"pure-Q5_K", 0.06},
        {"pure-Q4_K", 0.12}, {"pure-Q3_K", 0.25}, {"pure-Q2_K", 0.5}, {"Q5_K_M", 0.06},
        {"Q4_K_M", 0.12}, {"Q3_K_M", 0.25}, {"Q2_K", 0.5}};
    for (auto [suffix, tol] : files) {
        const gguf::File f = gguf::File::open(vela::test::fixtureModel(std::string("tiny-qwen3-") + suffix + ".gguf"));
        for (const gguf::TensorInfo& t : f.tensors()) {
            const gguf::TensorInfo* r = ref.findTensor(t.name);
            QVERIFY(r);
            QCOMPARE(r->nElements, t.nElements);
            const double err = relRms(tensorFloats(t), tensorFloats(*r));
            QVERIFY2(err < tol, qPrintable(QStringLiteral("%1 %2 (%3): relative RMS error %4")
                                               .arg(suffix, QString::fromUtf8(t.name.data(), qsizetype(t.name.size())),
                                                    gguf::typeName(t.type).c_str())
                                               .arg(err)));
        }
    }
}

QTEST_APPLESS_MAIN(TestDequantize)
#include "tst_dequantize.moc"
