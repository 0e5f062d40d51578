#include "bad_gguf.h"

#include "gguf_builder.h"
#include "model_writer.h"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace vela::test {

namespace {

constexpr uint64_t kU64Max = std::numeric_limits<uint64_t>::max();

// A small valid file: two keys and two F32 tensors, 'a' [8, 2] at data
// offset 0 and 'b' [8] at 64; records where the fields of interest are.
struct Sample {
    GgufBuilder b;
    size_t nDimsAt = 0, firstDimAt = 0, firstTypeAt = 0, firstOffsetAt = 0, secondOffsetAt = 0, infosEnd = 0;
};

Sample sample()
{
    Sample s;
    s.b.header(3, 2, 2);
    s.b.kvString("general.architecture", "qwen3");
    s.b.kvU32("general.alignment", 32);
    s.b.str("a");
    s.nDimsAt = s.b.size();
    s.b.u32(2);
    s.firstDimAt = s.b.size();
    s.b.u64(8).u64(2);
    s.firstTypeAt = s.b.size();
    s.b.u32(0);
    s.firstOffsetAt = s.b.size();
    s.b.u64(0);
    s.b.str("b").u32(1).u64(8).u32(0);
    s.secondOffsetAt = s.b.size();
    s.b.u64(64);
    s.infosEnd = s.b.size();
    s.b.pad(32);
    for (int i = 0; i < 24; ++i)
        s.b.f32(float(i));
    return s;
}

// The smallest model Vela loads: one layer, width 4, F16 matrices and the
// 261-token byte-level vocabulary (the tokenizer needs all 256 bytes).
ModelSpec tinySpec()
{
    ModelSpec s;
    s.nLayers = 1;
    s.nEmbd = 4;
    s.headDim = 4;
    s.nHead = {1};
    s.nHeadKv = {1};
    s.nFf = {4};
    s.nVocab = 261;
    s.matrixType = gguf::TensorType::F16;
    s.seed = 7;
    return s;
}

gguf::Writer tinyModel() { return buildModel(tinySpec()); }

std::vector<int32_t> tokenTypes(int32_t first, size_t n = 261)
{
    std::vector<int32_t> t(n, 1);
    t[0] = first;
    return t;
}

class Corpus {
public:
    void add(std::string file, std::string vulnClass, std::string expected, std::vector<std::byte> bytes)
    {
        cases.push_back({std::move(file), std::move(vulnClass), std::move(expected), std::move(bytes)});
    }
    void add(std::string file, std::string vulnClass, std::string expected, const GgufBuilder& b)
    {
        add(std::move(file), std::move(vulnClass), std::move(expected), b.bytes());
    }
    void add(std::string file, std::string vulnClass, std::string expected, const gguf::Writer& w)
    {
        add(std::move(file), std::move(vulnClass), std::move(expected), w.toBytes());
    }
    std::vector<BadGguf> cases;
};

void headerCases(Corpus& c)
{
    c.add("empty-file.gguf", "zero-byte file", "file truncated while reading magic", std::vector<std::byte>{});
    {
        GgufBuilder b;
        b.raw("GGUX", 4).u32(3).u64(0).u64(0);
        c.add("bad-magic.gguf", "not a GGUF file", "not a GGUF file", b);
    }
    {
        GgufBuilder b;
        b.header(1, 0, 0);
        c.add("version-1.gguf", "obsolete format version", "GGUF version 1 is not supported", b);
    }
    {
        GgufBuilder b;
        b.header(0x03000000, 0, 0);
        c.add("big-endian.gguf", "byte order", "big-endian GGUF files are not supported", b);
    }
    {
        GgufBuilder b;
        b.raw("GGUF", 4).u32(3).u32(1);
        c.add("truncated-header.gguf", "read past the end (header)", "file truncated while reading tensor count", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, kU64Max).zeros(64);
        c.add("huge-kv-count.gguf", "huge metadata count (allocation before validation)",
              "header claims 18446744073709551615 metadata key/value pairs", b);
    }
    {
        GgufBuilder b;
        b.header(3, uint64_t(1) << 62, 0).zeros(64);
        c.add("huge-tensor-count.gguf", "huge tensor count (allocation before validation)",
              "header claims 4611686018427387904 tensors, more than the file can hold", b);
    }
}

void metadataCases(Corpus& c)
{
    {
        GgufBuilder b;
        b.header(3, 0, 1).u64(kU64Max - 3).raw("key", 3).zeros(8);
        c.add("key-length-huge.gguf", "string length beyond the file (key)",
              "key of metadata entry 0 claims 18446744073709551612 bytes", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("general.name").u32(8).u64(uint64_t(1) << 40).raw("tiny", 4);
        c.add("string-length-beyond-file.gguf", "string length beyond the file (value)",
              "value of 'general.name' claims 1099511627776 bytes", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("tokenizer.ggml.tokens").u32(9).u32(8).u64(2).str("a").u64((uint64_t(1) << 31) + 1);
        b.raw("bbbbbbbb", 8);
        c.add("token-longer-than-2g.gguf", "token string claiming more than 2^31 bytes",
              "element 1 of 'tokenizer.ggml.tokens' claims 2147483649 bytes", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("tokenizer.ggml.token_type").u32(9).u32(5).u64(uint64_t(1) << 61).zeros(16);
        c.add("array-length-beyond-file.gguf", "array length beyond the file (scalars)",
              "array of 2305843009213693952 INT32 exceeds the file", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("big").u32(9).u32(10).u64(uint64_t(1) << 63).zeros(16);
        c.add("array-bytes-overflow.gguf", "array count x element size overflowing 64 bits",
              "array of 9223372036854775808 UINT64 exceeds the file", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("tokenizer.ggml.tokens").u32(9).u32(8).u64(uint64_t(1) << 60).zeros(16);
        c.add("string-array-length-beyond-file.gguf", "array length beyond the file (strings)",
              "array of 1152921504606846976 strings exceeds the file", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("deep").u32(9);
        for (int i = 0; i < 20; ++i)
            b.u32(9).u64(1);
        b.u32(0).u64(0);
        c.add("nested-arrays-deep.gguf", "nested arrays (unbounded recursion)", "arrays nested deeper than 8", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("nest").u32(9).u32(9).u64(uint64_t(1) << 50).u32(0).u64(0);
        c.add("nested-arrays-huge.gguf", "nested arrays (huge outer count)",
              "array of 1125899906842624 arrays exceeds the file", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("k").u32(13).u32(0);
        c.add("value-type-unknown.gguf", "unknown metadata value type", "unknown value type 13", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("arr").u32(9).u32(99).u64(0);
        c.add("array-type-unknown.gguf", "unknown array element type", "unknown array element type 99", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 2).kvString("general.architecture", "qwen3").kvString("general.architecture", "llama");
        c.add("duplicate-key.gguf", "duplicate metadata key (which one wins?)",
              "duplicate metadata key 'general.architecture'", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).str("").u32(4).u32(0);
        c.add("empty-key.gguf", "empty metadata key", "has an empty key", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvString("general.alignment", "32");
        c.add("alignment-string.gguf", "wrong value type for a known key (general.alignment)",
              "general.alignment has type STRING, expected UINT32", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvU32("general.alignment", 48);
        c.add("alignment-not-power-of-two.gguf", "alignment that is not a power of two",
              "general.alignment 48 is not a power of two", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvU32("general.alignment", 0);
        c.add("alignment-zero.gguf", "zero alignment (division by zero)", "general.alignment 0 is not a power of two", b);
    }
    {
        GgufBuilder b;
        b.header(3, 0, 1).kvU32("general.alignment", 1u << 31);
        c.add("alignment-huge.gguf", "huge alignment (data start past the end)",
              "general.alignment 2147483648 is not a power of two up to 65536", b);
    }
}

void tensorCases(Corpus& c)
{
    auto patched32 = [&](const char* file, const char* cls, const char* expected, size_t Sample::*field, uint32_t v) {
        Sample s = sample();
        s.b.patchU32(s.*field, v);
        c.add(file, cls, expected, s.b);
    };
    patched32("ndims-zero.gguf", "n_dims 0", "tensor 'a' has n_dims 0", &Sample::nDimsAt, 0);
    patched32("ndims-five.gguf", "n_dims > 4 (fixed-size shape array)", "tensor 'a' has n_dims 5", &Sample::nDimsAt, 5);
    patched32("ndims-huge.gguf", "n_dims 2^32-1", "tensor 'a' has n_dims 4294967295", &Sample::nDimsAt, ~0u);
    {
        Sample s = sample();
        s.b.patchU64(s.firstDimAt + 8, 0);
        c.add("dimension-zero.gguf", "zero dimension", "tensor 'a' has dimension 1 equal to 0", s.b);
    }
    {
        Sample s = sample();
        s.b.patchU64(s.firstDimAt + 8, kU64Max);
        c.add("dimension-negative.gguf", "negative dimension (int64 in ggml)", "tensor 'a' has negative dimension 1", s.b);
    }
    {
        Sample s = sample();
        s.b.patchU64(s.firstDimAt, uint64_t(1) << 40);
        s.b.patchU64(s.firstDimAt + 8, uint64_t(1) << 40);
        c.add("elements-overflow.gguf", "element count overflowing 64 bits (F32)",
              "tensor 'a': element count overflows 64 bits", s.b);
    }
    {
        GgufBuilder b; // Q4_K [2^32, 2^32, 4]: 2^66 elements
        b.header(3, 1, 0).tensorInfo("q", {uint64_t(1) << 32, uint64_t(1) << 32, 4}, 12, 0).pad(32).zeros(144);
        c.add("elements-overflow-q4k.gguf", "element count overflowing 64 bits (quantized, 3 dims)",
              "tensor 'q': element count overflows 64 bits", b);
    }
    {
        Sample s = sample(); // F32 [2^31, 2^31]: 2^62 elements, 2^64 bytes
        s.b.patchU64(s.firstDimAt, uint64_t(1) << 31);
        s.b.patchU64(s.firstDimAt + 8, uint64_t(1) << 31);
        c.add("bytes-overflow.gguf", "byte count overflowing 64 bits",
              "tensor 'a': byte size overflows 64 bits", s.b);
    }
    {
        Sample s = sample(); // Q6_K [2^31, 2^31]: 2^53 * 210 bytes
        s.b.patchU32(s.firstTypeAt, 14);
        s.b.patchU64(s.firstDimAt, uint64_t(1) << 31);
        s.b.patchU64(s.firstDimAt + 8, uint64_t(1) << 31);
        c.add("quantized-size-beyond-file.gguf", "quantized byte count beyond the file",
              "tensor 'a' data (" + std::to_string((uint64_t(1) << 54) * 210) +
                  " bytes at data offset 0) extends past the end",
              s.b);
    }
    patched32("row-not-block-multiple.gguf", "row length not a whole number of quant blocks",
              "not a multiple of the Q4_K block size 256", &Sample::firstTypeAt, 12);
    patched32("type-unsupported-iq2xxs.gguf", "known but unsupported tensor type",
              "unsupported tensor type IQ2_XXS in tensor 'a'", &Sample::firstTypeAt, 16);
    patched32("type-unknown.gguf", "unknown tensor type", "unsupported tensor type type 1000 in tensor 'a'",
              &Sample::firstTypeAt, 1000);
    patched32("type-huge.gguf", "tensor type 2^32-1 (table index)", "unsupported tensor type type 4294967295",
              &Sample::firstTypeAt, ~0u);
    {
        Sample s = sample();
        s.b.patchU64(s.firstOffsetAt, 8);
        c.add("offset-unaligned.gguf", "unaligned tensor offset", "data offset 8 is not a multiple of the alignment 32",
              s.b);
    }
    {
        Sample s = sample();
        s.b.patchU64(s.secondOffsetAt, 4096);
        c.add("offset-past-end.gguf", "tensor offset past the end of the file",
              "tensor 'b' data (32 bytes at data offset 4096) extends past the end of the file", s.b);
    }
    {
        Sample s = sample();
        s.b.patchU64(s.secondOffsetAt, kU64Max - 31);
        c.add("offset-overflow.gguf", "offset + size overflowing 64 bits", "tensor 'b' data (32 bytes at data offset "
              "18446744073709551584) extends past the end", s.b);
    }
    {
        Sample s = sample();
        s.b.patchU64(s.secondOffsetAt, 32);
        c.add("tensors-overlap.gguf", "overlapping tensors", "tensor 'b' overlaps tensor 'a'", s.b);
    }
    {
        GgufBuilder b;
        b.header(3, 2, 0).tensorInfo("t", {32}, 0, 0).tensorInfo("t", {32}, 0, 128).pad(32).zeros(256);
        c.add("tensor-name-duplicate.gguf", "duplicate tensor name", "duplicate tensor name 't'", b);
    }
    {
        GgufBuilder b;
        b.header(3, 1, 0).tensorInfo("", {32}, 0, 0).pad(32).zeros(128);
        c.add("tensor-name-empty.gguf", "empty tensor name", "tensor 0 has an empty name", b);
    }
    {
        Sample s = sample();
        c.add("truncated-data.gguf", "tensor data cut short (truncated download)",
              "tensor 'b' data (32 bytes at data offset 64) extends past the end of the file (95 data bytes)",
              s.b.truncated(s.b.size() - 1));
    }
    {
        Sample s = sample();
        c.add("truncated-tensor-info.gguf", "read past the end (tensor infos)",
              "file truncated while reading data offset of tensor 'b'", s.b.truncated(s.infosEnd - 3));
    }
}

void modelCases(Corpus& c)
{
    {
        gguf::Writer w = tinyModel();
        w.setString("general.architecture", "llama");
        c.add("arch-unsupported.gguf", "unsupported architecture", "unsupported architecture 'llama'", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("general.architecture", 3);
        c.add("arch-not-string.gguf", "wrong value type for a known key (general.architecture)",
              "'general.architecture' has type UINT32, expected a string", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setString("qwen3.block_count", "one");
        c.add("layers-string.gguf", "wrong value type for a known key (block_count)",
              "'qwen3.block_count' has type STRING, expected an unsigned integer", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.block_count", 0);
        c.add("layers-zero.gguf", "zero layers", "'qwen3.block_count' = 0 is out of range", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.block_count", ~0u);
        c.add("layers-huge.gguf", "huge layer count (per-layer allocations)",
              "'qwen3.block_count' = 4294967295 is out of range (1..1024)", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.block_count", 2);
        c.add("layer-tensors-missing.gguf", "more layers than tensors", "tensor 'blk.1.attn_norm.weight' is missing", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.attention.head_count", 3);
        w.setUInt32("qwen3.attention.head_count_kv", 2);
        c.add("heads-not-divisible.gguf", "head counts that do not divide (GQA grouping)",
              "head_count 3 is not a multiple of head_count_kv 2", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.attention.head_count_kv", 0);
        c.add("heads-kv-zero.gguf", "zero KV heads (division by zero)",
              "'qwen3.attention.head_count_kv' = 0 is out of range", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32Array("qwen3.attention.head_count", {1, 1, 1});
        c.add("heads-per-layer-length.gguf", "per-layer array of the wrong length",
              "'qwen3.attention.head_count' has 3 entries for 1 layers", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.attention.key_length", 3);
        w.setUInt32("qwen3.attention.value_length", 3);
        c.add("head-dim-odd.gguf", "odd head dimension (RoPE pairs)", "head dimension 3 must be even", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.embedding_length", 1u << 31);
        c.add("embedding-huge.gguf", "huge width (derived sizes overflow 32 bits)",
              "'qwen3.embedding_length' = 2147483648 is out of range", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.context_length", 0);
        c.add("context-zero.gguf", "zero context length", "'qwen3.context_length' = 0 is out of range", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setFloat32("qwen3.attention.layer_norm_rms_epsilon", std::numeric_limits<float>::quiet_NaN());
        c.add("rms-eps-nan.gguf", "NaN hyperparameter", "'qwen3.attention.layer_norm_rms_epsilon' = nan is out of range",
              w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setFloat32("qwen3.rope.freq_base", std::numeric_limits<float>::infinity());
        c.add("rope-base-inf.gguf", "infinite hyperparameter", "'qwen3.rope.freq_base' = inf is out of range", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("qwen3.feed_forward_length", 8);
        c.add("tensor-shape-mismatch.gguf", "tensor shape disagreeing with the hyperparameters",
              "tensor 'blk.0.ffn_gate.weight' has shape [4, 4], expected [4, 8]", w);
    }
}

void vocabularyCases(Corpus& c)
{
    {
        ModelSpec s = tinySpec();
        s.tokenizerVocab = 262;
        c.add("vocab-embedding-mismatch.gguf", "vocabulary size disagreeing with the embedding rows",
              "'tokenizer.ggml.tokens' has 262 tokens, but 'token_embd.weight' has 261 rows", buildModel(s));
    }
    {
        gguf::Writer w = tinyModel();
        w.setStringArray("tokenizer.ggml.tokens", {});
        w.setInt32Array("tokenizer.ggml.token_type", {});
        c.add("vocab-empty.gguf", "empty vocabulary", "'tokenizer.ggml.tokens' has 0 tokens", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setInt32Array("tokenizer.ggml.tokens", tokenTypes(1));
        c.add("tokens-not-strings.gguf", "wrong value type for a known key (tokens as INT32)",
              "'tokenizer.ggml.tokens' is an array of INT32, expected an array of STRING", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setFloat32Array("tokenizer.ggml.token_type", std::vector<float>(261, 1.0f));
        c.add("token-type-float.gguf", "wrong value type for a known key (token_type as FLOAT32)",
              "'tokenizer.ggml.token_type' is an array of FLOAT32, expected an array of INT32", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setStringArray("tokenizer.ggml.token_type", std::vector<std::string>(261, "1"));
        c.add("token-type-string.gguf", "wrong value type for a known key (token_type as STRING)",
              "'tokenizer.ggml.token_type' is an array of STRING, expected an array of INT32", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setInt32Array("tokenizer.ggml.token_type", tokenTypes(1, 260));
        c.add("token-type-count.gguf", "token types and tokens of different lengths",
              "'tokenizer.ggml.token_type' has 260 entries, but 'tokenizer.ggml.tokens' has 261", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setInt32Array("tokenizer.ggml.token_type", tokenTypes(-7));
        c.add("token-type-out-of-range.gguf", "token type outside the enum",
              "'tokenizer.ggml.token_type': entry 0 is -7, expected 0..6", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setStringArray("tokenizer.ggml.merges", {"a b", "\xC4\xA0 zzzz"});
        c.add("merge-unknown-result.gguf", "merge producing a token not in the vocabulary",
              "merge 0 'a b' produces 'ab', which is not in the vocabulary", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setStringArray("tokenizer.ggml.merges", {"\xC4\xA0 zzzz"});
        c.add("merge-unknown-token.gguf", "merge naming a token not in the vocabulary",
              "names 'zzzz', which is not in the vocabulary", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setStringArray("tokenizer.ggml.merges", {"nospace"});
        c.add("merge-malformed.gguf", "merge that is not a pair", "merge 0 'nospace' is not of the form 'left right'", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("tokenizer.ggml.bos_token_id", 261);
        c.add("bos-beyond-vocab.gguf", "BOS id beyond the vocabulary",
              "'tokenizer.ggml.bos_token_id' = 261 is out of range (the vocabulary has 261 tokens)", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("tokenizer.ggml.eos_token_id", ~0u);
        c.add("eos-beyond-vocab.gguf", "EOS id beyond the vocabulary",
              "'tokenizer.ggml.eos_token_id' = 4294967295 is out of range", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setInt32("tokenizer.ggml.eos_token_id", -1);
        c.add("eos-negative.gguf", "negative token id", "'tokenizer.ggml.eos_token_id' is negative (-1)", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setString("tokenizer.ggml.model", "llama");
        c.add("tokenizer-model-unsupported.gguf", "unsupported tokenizer model", "unsupported tokenizer model 'llama'", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setString("tokenizer.ggml.pre", "llama-bpe");
        c.add("pre-tokenizer-unsupported.gguf", "unsupported pre-tokenizer", "unsupported pre-tokenizer 'llama-bpe'", w);
    }
    {
        gguf::Writer w = tinyModel();
        w.setUInt32("tokenizer.chat_template", 1);
        c.add("chat-template-not-string.gguf", "wrong value type for a known key (chat_template)",
              "'tokenizer.chat_template' has type UINT32, expected a string", w);
    }
}

} // namespace

std::vector<BadGguf> badGgufCorpus()
{
    Corpus c;
    headerCases(c);
    metadataCases(c);
    tensorCases(c);
    modelCases(c);
    vocabularyCases(c);
    return std::move(c.cases);
}

std::string badGgufReadme()
{
    std::string s =
        "# Hostile GGUF corpus\n\n"
        "Small malformed GGUF files, one per way a downloaded model file can lie. Each must be refused\n"
        "with a one-line `InvalidInput` that names what is wrong: `vela-cli info FILE` exits 2, under a\n"
        "512 MiB address-space limit, and the desktop app's import path (`Model::open`,\n"
        "`Tokenizer::fromGguf`, `chat::detectFamily`) throws. `tst_gguf_hostile_corpus` checks both,\n"
        "and that these files are byte for byte what the generator writes.\n\n"
        "Generated, not edited by hand: the cases live in `tests/tools/bad_gguf.cpp`. After changing\n"
        "them, regenerate this folder (this README included) and commit it:\n\n"
        "```sh\n"
        "cmake --build build --target vela-testgen && build/bin/vela-testgen bad-gguf tests/data/gguf-bad\n"
        "```\n\n"
        "Files built on a valid model (the `arch-`, `layers-`, `heads-`, `vocab-`, `token-type-`,\n"
        "`merge-`, ... cases) start from the smallest model Vela loads (one layer, width 4, F16, the\n"
        "261-token byte-level vocabulary) and change one key; the others are built field by field.\n\n"
        "| file | vulnerability class | the error contains |\n"
        "|---|---|---|\n";
    for (const BadGguf& b : badGgufCorpus()) {
        std::string expected;
        for (char ch : b.expected)
            expected += ch == '|' ? std::string("\\|") : std::string(1, ch);
        s += "| `" + b.file + "` | " + b.vulnClass + " | " + expected + " |\n";
    }
    return s;
}

size_t writeBadGgufCorpus(const std::filesystem::path& dir)
{
    std::filesystem::create_directories(dir);
    const std::vector<BadGguf> cases = badGgufCorpus();
    for (const BadGguf& b : cases)
        writeBytes(dir / b.file, b.bytes);
    const std::string readme = badGgufReadme();
    std::vector<std::byte> text(readme.size());
    std::memcpy(text.data(), readme.data(), readme.size());
    writeBytes(dir / "README.md", text);
    return cases.size();
}

} // namespace vela::test
