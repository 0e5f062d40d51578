// bench_vulkan_gemm: prefill product speed of each matmul layout on the
// default Vulkan device (not a test: the figures in shaders/README.md).
//   bench_vulkan_gemm [k rows tokens]      (default 2048 2048 128)
// For F16, Q4_0, Q8_0 and Q4_K weights, the median wall time of 5 submits of
// one product (after a warm-up that also compiles the pipeline), as GFLOP/s
// = 2 · k · rows · tokens / time. Q4_0 and Q8_0 read Q8-rounded activations.
#include "kernel_test_rig.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace vela;
using namespace vela::backend::vulkan;
using namespace vela::backend::vulkan::test;

namespace {

class Bench : KernelRig {
public:
    Bench()
    {
        context_ = Context::create();
        pipelines_ = std::make_unique<Pipelines>(context_);
        memory_ = std::make_unique<Allocator>(*context_, VkDeviceSize(64) << 20);
        std::printf("device: %s\n", context_->info().name.c_str());
    }

    void product(TensorType t, uint32_t k, uint32_t rows, uint32_t tokens)
    {
        const auto data = randomRows(t, k, rows);
        DeviceMatrix m = matrix(t, k, rows, data, rows);
        BufferSlice xs = floats(randomFloats(size_t(k) * tokens)), ys = zeros(size_t(rows) * tokens * 4);
        const bool q8 = roundsActivations(t);
        if (q8)
            run([&](CommandRecorder& r) { kernels::roundQ8(r, xs, xs, k * tokens); });
        const MatmulTile gpuTile{};
        struct Case {
            const char* name;
            Layout layout;
            const MatmulTile* tile;
            bool q8Input;
        };
        const Case cases[] = {{"split-k", Layout::SplitK, nullptr, false},
                              {"texel", Layout::Texel, nullptr, false},
                              {"tiled (plan tile)", Layout::Tiled, nullptr, false},
                              {"tiled 64x64", Layout::Tiled, &gpuTile, false},
                              {"tiled-int8 (plan tile)", Layout::Tiled, nullptr, true},
                              {"tiled-int8 64x64", Layout::Tiled, &gpuTile, true}};
        for (const Case& c : cases) {
            if (c.q8Input && !(q8 && context_->plan().integerDotProduct))
                continue;
            kernels::MatmulFusion f;
            f.layout = c.layout;
            f.tile = c.tile;
            f.q8Input = c.q8Input;
            Layout used = Layout::Auto;
            auto once = [&] {
                const auto t0 = std::chrono::steady_clock::now();
                run([&](CommandRecorder& r) { used = kernels::matmul(r, m, xs, ys, nullptr, tokens, false, f); });
                return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            };
            once();
            std::vector<double> times;
            for (int i = 0; i < 5; ++i)
                times.push_back(once());
            std::sort(times.begin(), times.end());
            const double s = times[2];
            std::printf("%-5s k=%u rows=%u tokens=%u  %-24s (ran %-10s) %8.2f ms  %7.2f GFLOP/s\n",
                        gguf::typeName(t).c_str(), k, rows, tokens, c.name, qPrintable(layoutName(used)), s * 1e3,
                        2.0 * k * rows * tokens / s * 1e-9);
        }
    }
};

} // namespace

int main(int argc, char** argv)
{
    if (listDevices().empty()) {
        std::printf("no Vulkan device\n");
        return 0;
    }
    const uint32_t k = argc > 3 ? uint32_t(std::atoi(argv[1])) : 2048;
    const uint32_t rows = argc > 3 ? uint32_t(std::atoi(argv[2])) : 2048;
    const uint32_t tokens = argc > 3 ? uint32_t(std::atoi(argv[3])) : 128;
    Bench b;
    for (TensorType t : {TensorType::F16, TensorType::Q4_0, TensorType::Q8_0, TensorType::Q4_K})
        b.product(t, k, rows, tokens);
    return 0;
}
