// vela-testgen: writes test data that the repository does not store.
//
//   vela-testgen model OUT.gguf [--arch qwen3|qwen2] [--layers N] [--embd N] [--head-dim N]
//                [--heads N] [--kv-heads N] [--ffn N] [--vocab N] [--ctx N] [--type F32|F16|BF16|Q8_0|Q4_0|Q4_K|Q6_K|Q4_K_M]
//                [--untied] [--seed N]
//       a random-weight model with a byte-level vocabulary (tests/tools/model_writer.h)
//   vela-testgen fuzz-seeds DIR
//       small GGUF seeds for the fuzz_gguf corpus
//   vela-testgen bad-gguf DIR
//       the hostile GGUF corpus (tests/data/gguf-bad, tests/tools/bad_gguf.h)
#include "bad_gguf.h"
#include "gguf_builder.h"
#include "model_writer.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

using namespace vela;

namespace {

int usage()
{
    std::cerr << "usage: vela-testgen model OUT.gguf [options] | vela-testgen fuzz-seeds DIR | vela-testgen bad-gguf DIR\n";
    return 2;
}

gguf::TensorType parseType(const std::string& s)
{
    static const std::map<std::string, gguf::TensorType> types = {
        {"F32", gguf::TensorType::F32}, {"F16", gguf::TensorType::F16}, {"BF16", gguf::TensorType::BF16},
        {"Q8_0", gguf::TensorType::Q8_0}, {"Q4_0", gguf::TensorType::Q4_0}, {"Q4_K", gguf::TensorType::Q4_K},
        {"Q6_K", gguf::TensorType::Q6_K}};
    auto it = types.find(s);
    if (it == types.end())
        throw std::runtime_error("unsupported --type " + s);
    return it->second;
}

int modelCommand(int argc, char** argv)
{
    if (argc < 3)
        return usage();
    test::ModelSpec s;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        auto num = [&]() { return uint32_t(std::stoul(next())); };
        if (a == "--arch") s.arch = next();
        else if (a == "--layers") s.nLayers = num();
        else if (a == "--embd") s.nEmbd = num();
        else if (a == "--head-dim") s.headDim = num();
        else if (a == "--heads") s.nHead = {num()};
        else if (a == "--kv-heads") s.nHeadKv = {num()};
        else if (a == "--ffn") s.nFf = {num()};
        else if (a == "--vocab") s.nVocab = num();
        else if (a == "--ctx") s.trainedContext = num();
        else if (a == "--type") {
            const std::string t = next();
            if (t == "Q4_K_M")
                s.typeOf = test::q4kmMix; // Q4_K with Q6_K for token_embd and half the attn_v/ffn_down
            else
                s.matrixType = parseType(t);
        }
        else if (a == "--untied") s.tied = false;
        else if (a == "--seed") s.seed = num();
        else throw std::runtime_error("unknown option " + a);
    }
    test::writeModel(s, argv[2]);
    return 0;
}

int fuzzSeeds(const std::filesystem::path& dir)
{
    std::filesystem::create_directories(dir);
    test::ModelSpec tiny;
    tiny.nLayers = 1;
    tiny.nEmbd = 32;
    tiny.headDim = 16;
    tiny.nHead = {2};
    tiny.nHeadKv = {1};
    tiny.nFf = {32};
    tiny.nVocab = 264;
    tiny.matrixType = gguf::TensorType::Q8_0;
    test::writeModel(tiny, dir / "tiny-qwen3-q8_0.gguf");
    tiny.arch = "qwen2";
    tiny.matrixType = gguf::TensorType::Q4_0;
    tiny.tied = false;
    test::writeModel(tiny, dir / "tiny-qwen2-q4_0.gguf");

    test::GgufBuilder nested; // metadata only: nested arrays and every scalar type
    nested.header(2, 0, 3).str("a").u32(9).u32(9).u64(1).u32(5).u64(2).i32(-1).i32(7);
    nested.kvU32("general.alignment", 64).kvString("general.architecture", "qwen3");
    test::writeBytes(dir / "nested-v2.gguf", nested.bytes());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3)
        return usage();
    try {
        const std::string cmd = argv[1];
        if (cmd == "model")
            return modelCommand(argc, argv);
        if (cmd == "fuzz-seeds")
            return fuzzSeeds(argv[2]);
        if (cmd == "bad-gguf") {
            std::cout << test::writeBadGgufCorpus(argv[2]) << " files written to " << argv[2] << "\n";
            return 0;
        }
        return usage();
    } catch (const std::exception& e) {
        std::cerr << "vela-testgen: " << e.what() << "\n";
        return 2;
    }
}
