// GGUF reader: well-formed files parse completely; malformed ones are refused
// with a message that names what was wrong.
#include "common/error.h"
#include "common/shared_fixtures.h"
#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"
#include "gguf_builder.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace vela;
using namespace vela::gguf;
using vela::test::GgufBuilder;

namespace {

File parseBytes(std::vector<std::byte> bytes)
{
    return File::parse(MappedFile::fromBytes(std::move(bytes)));
}

// Expects parsing to fail with a message containing `needle`.
void expectRejected(std::vector<std::byte> bytes, const QString& needle)
{
    try {
        parseBytes(std::move(bytes));
    } catch (const InvalidInput& e) {
        const QString msg = QString::fromStdString(e.what());
        if (!msg.contains(needle, Qt::CaseInsensitive))
            QFAIL(qPrintable(QStringLiteral("message '%1' does not contain '%2'").arg(msg, needle)));
        return;
    }
    QFAIL(qPrintable(QStringLiteral("accepted a file that should fail with '%1'").arg(needle)));
}

std::vector<std::byte> f32Bytes(const std::vector<float>& v)
{
    std::vector<std::byte> out(v.size() * 4);
    std::memcpy(out.data(), v.data(), out.size());
    return out;
}

// A small valid file: two keys and two F32 tensors; returns offsets of fields.
struct Sample {
    GgufBuilder b;
    size_t nTensorsAt = 8, nKvAt = 16, firstDimAt = 0, firstTypeAt = 0, firstOffsetAt = 0, secondOffsetAt = 0;
};

Sample sample(uint32_t version = 3)
{
    Sample s;
    s.b.header(version, 2, 2);
    s.b.kvString("general.architecture", "qwen3");
    s.b.kvU32("general.alignment", 32);
    s.b.str("a").u32(2);
    s.firstDimAt = s.b.size();
    s.b.u64(8).u64(2);
    s.firstTypeAt = s.b.size();
    s.b.u32(0);
    s.firstOffsetAt = s.b.size();
    s.b.u64(0);
    s.b.str("b").u32(1).u64(8).u32(0);
    s.secondOffsetAt = s.b.size();
    s.b.u64(64);
    s.b.pad(32);
    std::vector<float> data(16 + 8);
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<float>(i);
    s.b.raw(data.data(), 64).raw(data.data() + 16, 32);
    return s;
}

} // namespace

class TestGgufReader : public QObject {
    Q_OBJECT
private slots:
    void parsesWriterOutputWithEveryValueType();
    void parsesVersion2();
    void sampleParses();
    void parsesEveryFixtureModel();
    void vocabOnlyFixture();
    void rejectsTruncationAtEveryOffset();
    void headerFromEveryPrefix();
    void headerOfEveryFixtureModel();
    void headerChecksTheDeclaredSize();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void rejectsNestedArraysTooDeep();
    void unsupportedTypeIsNamed();
    void missingFileIsClearError();
};

void TestGgufReader::parsesWriterOutputWithEveryValueType()
{
    Writer w(64);
    w.setUInt32("u32", 7);
    w.setInt32("i32", -5);
    w.setUInt64("u64", 1ull << 40);
    w.setFloat32("f32", 1.5f);
    w.setBool("flag", true);
    w.setString("name", "héllo");
    w.setStringArray("strings", {"a", "", "ccc"});
    w.setInt32Array("ints", {1, -2, 3});
    w.setFloat32Array("floats", {0.25f, -1.0f});
    std::vector<float> weights(64);
    for (size_t i = 0; i < weights.size(); ++i)
        weights[i] = std::sin(float(i));
    w.addTensor("w", TensorType::F32, {32, 2}, f32Bytes(weights));
    w.addTensor("v", TensorType::F32, {32}, f32Bytes(std::vector<float>(32, 1.0f)));

    // Nested array (array of arrays of u8) built by hand: the writer has no API for it.
    File f = parseBytes(w.toBytes());
    QCOMPARE(f.version(), 3u);
    QCOMPARE(f.alignment(), 64u);
    const Metadata& md = f.metadata();
    QCOMPARE(*md.getUInt("u32"), uint64_t(7));
    QCOMPARE(*md.find("i32")->toInt(), int64_t(-5));
    QVERIFY(!md.find("i32")->toUInt().has_value());
    QCOMPARE(*md.getUInt("u64"), uint64_t(1) << 40);
    QCOMPARE(*md.getFloat("f32"), 1.5);
    QCOMPARE(*md.getBool("flag"), true);
    QCOMPARE(std::string(*md.getString("name")), std::string("héllo"));
    const Array& s = md.requireArray("strings", ValueType::String);
    QCOMPARE(s.size(), size_t(3));
    QCOMPARE(std::string(s.stringAt(2)), std::string("ccc"));
    QCOMPARE(std::string(s.stringAt(1)), std::string());
    const Array& ints = md.requireArray("ints", ValueType::Int32);
    QCOMPARE(*ints.at(1).toInt(), int64_t(-2));
    QCOMPARE(*md.requireArray("floats", ValueType::Float32).at(0).toFloat(), 0.25);
    QCOMPARE(f.tensors().size(), size_t(2));
    const TensorInfo* t = f.findTensor("w");
    QVERIFY(t);
    QCOMPARE(t->ne[0], uint64_t(32));
    QCOMPARE(t->ne[1], uint64_t(2));
    QCOMPARE(t->nBytes, uint64_t(256));
    QCOMPARE(t->offset % 64, uint64_t(0));
    float x;
    std::memcpy(&x, t->data + 4 * 5, 4);
    QCOMPARE(x, std::sin(5.0f));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, md.requireUInt("name"));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, md.requireString("absent"));
    QVERIFY_THROWS_EXCEPTION(InvalidInput, md.requireArray("ints", ValueType::String));
}

void TestGgufReader::parsesVersion2()
{
    Sample s = sample(2);
    File f = parseBytes(s.b.bytes());
    QCOMPARE(f.version(), 2u);
    QCOMPARE(f.tensors().size(), size_t(2));
}

void TestGgufReader::sampleParses()
{
    Sample s = sample();
    GgufBuilder nested;
    // Also: an array of arrays (two arrays of u8) is a valid value.
    nested.header(3, 0, 1).str("nested").u32(9).u32(9).u64(2);
    nested.u32(0).u64(2).u8(1).u8(2);
    nested.u32(0).u64(1).u8(3);
    File n = parseBytes(nested.bytes());
    const Array* outer = n.metadata().getArray("nested");
    QVERIFY(outer);
    QCOMPARE(outer->size(), size_t(2));
    QCOMPARE(*outer->at(0).toArray()->at(1).toUInt(), uint64_t(2));
    QCOMPARE(*outer->at(1).toArray()->at(0).toUInt(), uint64_t(3));

    File f = parseBytes(s.b.bytes());
    QCOMPARE(f.tensors()[1].offset, f.dataOffset() + 64);
}

void TestGgufReader::parsesEveryFixtureModel()
{
    VELA_REQUIRE_SHARED();
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(vela::test::sharedDir() / "fixtures" / "models")) {
        if (entry.path().extension() != ".gguf")
            continue;
        File f = File::open(entry.path());
        QVERIFY(f.version() == 3);
        QVERIFY(f.metadata().getString("general.architecture").has_value());
        uint64_t total = 0;
        for (const TensorInfo& t : f.tensors())
            total += t.nBytes;
        QVERIFY(total <= f.fileSize());
        ++n;
    }
    QVERIFY(n >= 20);
    File q = File::open(vela::test::fixtureModel("tiny-qwen3-Q4_K_M.gguf"));
    const TensorInfo* embd = q.findTensor("token_embd.weight");
    QVERIFY(embd);
    QCOMPARE(embd->type, TensorType::Q6_K);
    QCOMPARE(embd->ne[0], uint64_t(256));
    QCOMPARE(embd->ne[1], uint64_t(2048));
    QCOMPARE(embd->nBytes, uint64_t(2048 * 210));
}

void TestGgufReader::vocabOnlyFixture()
{
    VELA_REQUIRE_SHARED();
    File f = File::open(vela::test::fixtureModel("qwen3-vocab.gguf"));
    QCOMPARE(f.tensors().size(), size_t(0));
    QCOMPARE(f.metadata().requireArray("tokenizer.ggml.tokens", ValueType::String).size(), size_t(151936));
    QCOMPARE(f.metadata().requireArray("tokenizer.ggml.merges", ValueType::String).size(), size_t(151387));
}

void TestGgufReader::rejectsTruncationAtEveryOffset()
{
    Sample s = sample();
    // Every prefix that cuts into the header or the tensor data must be refused.
    const size_t end = s.b.size();
    for (size_t n = 0; n < end; ++n) {
        bool threw = false;
        try {
            parseBytes(s.b.truncated(n));
        } catch (const InvalidInput& e) {
            threw = true;
            QVERIFY2(std::string(e.what()).find("invalid GGUF") != std::string::npos, e.what());
        }
        QVERIFY2(threw, qPrintable(QStringLiteral("prefix of %1 bytes accepted").arg(n)));
    }
}

namespace {

// The header read from `prefix` of a file of `bytes`, as the Hub probe reads
// it: starting from `first` bytes and fetching what HeaderIncomplete asks
// for (at least twice as much each time), counting the attempts.
File headerByGrowingPrefix(const std::vector<std::byte>& bytes, size_t first, int& attempts)
{
    size_t n = std::min(first, bytes.size());
    for (attempts = 1;; ++attempts) {
        try {
            return File::parseHeader(MappedFile::fromBytes({bytes.begin(), bytes.begin() + long(n)}), bytes.size());
        } catch (const HeaderIncomplete& e) {
            if (e.bytesNeeded() <= n || e.bytesNeeded() > bytes.size())
                throw std::logic_error("HeaderIncomplete asked for " + std::to_string(e.bytesNeeded()) +
                                       " bytes with " + std::to_string(n) + " of " + std::to_string(bytes.size()));
            n = std::min(bytes.size(), std::max<size_t>(size_t(e.bytesNeeded()), 2 * n));
        }
    }
}

void compareTables(const File& header, const File& full)
{
    QCOMPARE(header.fileSize(), full.fileSize());
    QCOMPARE(header.dataOffset(), full.dataOffset());
    QCOMPARE(header.alignment(), full.alignment());
    QCOMPARE(header.metadata().entries().size(), full.metadata().entries().size());
    QCOMPARE(header.tensors().size(), full.tensors().size());
    for (size_t i = 0; i < full.tensors().size(); ++i) {
        const TensorInfo &h = header.tensors()[i], &f = full.tensors()[i];
        QCOMPARE(h.name, f.name);
        QCOMPARE(h.type, f.type);
        QCOMPARE(h.ne, f.ne);
        QCOMPARE(h.offset, f.offset);
        QCOMPARE(h.nBytes, f.nBytes);
    }
}

} // namespace

// parseHeader on the first n bytes: below the header's end it asks for more
// (never for less than it has or more than the file), from there on it
// reads the same table as parse() without the data.
void TestGgufReader::headerFromEveryPrefix()
{
    Sample s = sample();
    const File full = parseBytes(s.b.bytes());
    const size_t headerEnd = size_t(full.dataOffset()); // the table ends at most here (then padding)
    size_t firstRead = 0;
    for (size_t n = 0; n <= s.b.size(); ++n) {
        try {
            const File h = File::parseHeader(MappedFile::fromBytes(s.b.truncated(n)), s.b.size());
            if (firstRead == 0)
                firstRead = n;
            compareTables(h, full);
            QCOMPARE(h.headerOnly(), n < s.b.size());
            for (const TensorInfo& t : h.tensors())
                QCOMPARE(t.data == nullptr, n < s.b.size());
        } catch (const HeaderIncomplete& e) {
            // Once read, every longer prefix reads too.
            QVERIFY2(firstRead == 0, qPrintable(QStringLiteral("%1 bytes: %2").arg(n).arg(e.what())));
            QVERIFY(e.bytesNeeded() > n);
            QVERIFY(e.bytesNeeded() <= headerEnd);
        }
    }
    QVERIFY(firstRead > 0 && firstRead <= headerEnd);
    int attempts = 0;
    compareTables(headerByGrowingPrefix(s.b.bytes(), 0, attempts), full);
    QVERIFY(attempts <= 12);
}

// Every fixture model's header from a growing prefix, as the Hub probe reads
// a remote file: the same table as the whole file, from a few requests.
void TestGgufReader::headerOfEveryFixtureModel()
{
    VELA_REQUIRE_SHARED();
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(vela::test::sharedDir() / "fixtures" / "models")) {
        if (entry.path().extension() != ".gguf")
            continue;
        const File full = File::open(entry.path());
        const auto span = full.mapping()->bytes();
        const std::vector<std::byte> bytes(span.begin(), span.end());
        int attempts = 0;
        const File h = headerByGrowingPrefix(bytes, 64 * 1024, attempts);
        compareTables(h, full);
        QVERIFY2(attempts <= 8, qPrintable(QString::fromStdString(entry.path().filename().string())));
        QCOMPARE(h.metadata().getString("general.architecture"), full.metadata().getString("general.architecture"));
        ++n;
    }
    QVERIFY(n >= 20);
}

// The declared size bounds the tensor data as the real size would: a table
// reaching past it is invalid, not incomplete; so is a prefix longer than
// the file it claims to start.
void TestGgufReader::headerChecksTheDeclaredSize()
{
    Sample s = sample();
    const File full = parseBytes(s.b.bytes());
    const auto prefix = [&] { return MappedFile::fromBytes(s.b.truncated(size_t(full.dataOffset()))); };
    try {
        File::parseHeader(prefix(), s.b.size() - 1);
        QFAIL("a tensor past the declared end was accepted");
    } catch (const HeaderIncomplete& e) {
        QFAIL(e.what());
    } catch (const InvalidInput& e) {
        QVERIFY2(std::string(e.what()).find("extends past the end") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(InvalidInput, File::parseHeader(MappedFile::fromBytes(s.b.bytes()), 10));
    // A count no file of the declared size can hold is invalid at once.
    Sample huge = sample();
    huge.b.patchU64(huge.nKvAt, uint64_t(1) << 40);
    try {
        File::parseHeader(MappedFile::fromBytes(huge.b.truncated(64)), huge.b.size());
        QFAIL("accepted");
    } catch (const HeaderIncomplete& e) {
        QFAIL(e.what());
    } catch (const InvalidInput&) {
    }
}

void TestGgufReader::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    auto add = [](const char* name, const std::vector<std::byte>& b, const char* msg) {
        QTest::newRow(name) << QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()))
                            << QString::fromUtf8(msg);
    };
    {
        GgufBuilder b;
        b.raw("GGUX", 4).u32(3).u64(0).u64(0);
        add("bad magic", b.bytes(), "not a GGUF file");
    }
    {
        GgufBuilder b;
        b.header(1, 0, 0);
        add("version 1", b.bytes(), "version 1 is not supported");
    }
    {
        GgufBuilder b;
        b.header(0x03000000, 0, 0);
        add("big endian", b.bytes(), "big-endian");
    }
    {
        GgufBuilder b;
        b.header(7, 0, 0);
        add("version 7", b.bytes(), "unsupported GGUF version 7");
    }
    {
        GgufBuilder b;
        b.header(3, 0, ~uint64_t(0));
        add("huge kv count", b.bytes(), "key/value pairs");
    }
    {
        GgufBuilder b;
        b.header(3, uint64_t(1) << 62, 0);
        add("huge tensor count", b.bytes(), "tensors, more than the file");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).u64(~uint64_t(0) - 3).raw("key", 3);
        add("huge key length", b.bytes(), "claims");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("k").u32(8).u64(uint64_t(1) << 40).zeros(16);
        add("huge string length", b.bytes(), "value of 'k' claims");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("arr").u32(9).u32(4).u64(uint64_t(1) << 61).zeros(16);
        add("huge scalar array", b.bytes(), "exceeds the file");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("arr").u32(9).u32(8).u64(uint64_t(1) << 60).zeros(16);
        add("huge string array", b.bytes(), "strings exceeds the file");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("arr").u32(9).u32(8).u64(2).str("ok").u64(1000).zeros(8);
        add("string in array beyond file", b.bytes(), "element 1 of 'arr'");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("k").u32(13).u32(0);
        add("unknown value type", b.bytes(), "unknown value type 13");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("arr").u32(9).u32(99).u64(0);
        add("unknown array element type", b.bytes(), "unknown array element type 99");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 2).kvU32("dup", 1).kvU32("dup", 2);
        add("duplicate key", b.bytes(), "duplicate metadata key 'dup'");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("").u32(4).u32(0);
        add("empty key", b.bytes(), "empty key");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvString("general.alignment", "32");
        add("alignment as string", b.bytes(), "general.alignment has type STRING");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvU32("general.alignment", 48);
        add("alignment not power of two", b.bytes(), "not a power of two");
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvU32("general.alignment", 0);
        add("alignment zero", b.bytes(), "not a power of two");
    }
    {
        Sample s = sample();
        s.b.patchU32(s.firstDimAt - 4, 0);
        add("n_dims 0", s.b.bytes(), "tensor 'a' has n_dims 0");
    }
    {
        Sample s = sample();
        s.b.patchU32(s.firstDimAt - 4, 5);
        add("n_dims 5", s.b.bytes(), "tensor 'a' has n_dims 5");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.firstDimAt + 8, 0);
        add("zero dimension", s.b.bytes(), "dimension 1 equal to 0");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.firstDimAt + 8, ~uint64_t(0));
        add("negative dimension", s.b.bytes(), "negative dimension 1");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.firstDimAt, uint64_t(1) << 40);
        s.b.patchU64(s.firstDimAt + 8, uint64_t(1) << 40);
        add("element count overflow", s.b.bytes(), "element count overflows");
    }
    {
        // Q4_0 with a huge element count: bytes = elements / 32 * 18 overflows? no — element
        // count is capped at INT64_MAX first, so a byte size past the file is what fails.
        Sample s = sample();
        s.b.patchU32(s.firstTypeAt, 2);
        s.b.patchU64(s.firstDimAt, uint64_t(1) << 31);
        s.b.patchU64(s.firstDimAt + 8, uint64_t(1) << 31);
        add("quantized size beyond file", s.b.bytes(), "extends past the end of the file");
    }
    {
        Sample s = sample();
        s.b.patchU32(s.firstTypeAt, 2); // Q4_0 needs rows that are a multiple of 32
        add("row not multiple of block", s.b.bytes(), "not a multiple of the Q4_0 block size 32");
    }
    {
        Sample s = sample();
        s.b.patchU32(s.firstTypeAt, 16);
        add("unsupported type IQ2_XXS", s.b.bytes(), "unsupported tensor type IQ2_XXS in tensor 'a'");
    }
    {
        Sample s = sample();
        s.b.patchU32(s.firstTypeAt, 1000);
        add("unknown type", s.b.bytes(), "unsupported tensor type type 1000 in tensor 'a'");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.firstOffsetAt, 8);
        add("unaligned offset", s.b.bytes(), "is not a multiple of the alignment 32");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.secondOffsetAt, 4096);
        add("offset past end", s.b.bytes(), "tensor 'b' data");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.secondOffsetAt, ~uint64_t(0) - 31);
        add("offset overflow", s.b.bytes(), "extends past the end");
    }
    {
        Sample s = sample();
        s.b.patchU64(s.secondOffsetAt, 32);
        add("overlapping tensors", s.b.bytes(), "tensor 'b' overlaps tensor 'a'");
    }
    {
        GgufBuilder b;
        b.header(3, 2, 0).tensorInfo("t", {32}, 0, 0).tensorInfo("t", {32}, 0, 128).pad(32).zeros(256);
        add("duplicate tensor name", b.bytes(), "duplicate tensor name 't'");
    }
    {
        GgufBuilder b;
        b.header(3, 1, 0).tensorInfo("", {32}, 0, 0).pad(32).zeros(128);
        add("empty tensor name", b.bytes(), "empty name");
    }
}

void TestGgufReader::rejectsMalformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    std::vector<std::byte> v(size_t(bytes.size()));
    std::memcpy(v.data(), bytes.data(), v.size());
    expectRejected(std::move(v), message);
}

void TestGgufReader::rejectsNestedArraysTooDeep()
{
    GgufBuilder b;
    b.header(3, 0, 1).str("deep").u32(9);
    for (int i = 0; i < 20; ++i)
        b.u32(9).u64(1);
    b.u32(0).u64(0);
    expectRejected(b.bytes(), "nested deeper than 8");
}

void TestGgufReader::unsupportedTypeIsNamed()
{
    QCOMPARE(typeName(16u), std::string("IQ2_XXS"));
    QCOMPARE(typeName(12u), std::string("Q4_K"));
    QCOMPARE(typeName(4242u), std::string("type 4242"));
    QVERIFY(!supportedLayout(9).has_value()); // Q8_1 is not a storage type we read
    QCOMPARE(supportedLayout(14)->blockBytes, 210u);
    QCOMPARE(supportedLayout(30)->blockBytes, 2u);
}

void TestGgufReader::missingFileIsClearError()
{
    try {
        File::open("/nonexistent/model.gguf");
        QFAIL("opened a missing file");
    } catch (const InvalidInput& e) {
        QVERIFY(std::string(e.what()).find("cannot open '/nonexistent/model.gguf'") != std::string::npos);
    }
    QVERIFY_THROWS_EXCEPTION(InvalidInput, File::open("/tmp"));
}

QTEST_APPLESS_MAIN(TestGgufReader)
#include "tst_gguf_reader.moc"
