// Shared by the Vulkan kernel tests (tst_vulkan_kernels.cpp): random inputs
// of every weight type, the error measure, the matmul layouts and the
// layout each must run, and the device rig the tests record on.
#pragma once

#include "backend/cpu/thread_pool.h"
#include "backend/vulkan/context.h"
#include "backend/vulkan/kernels.h"
#include "quant/dequantize.h"
#include "quant/float16.h"
#include "quant/quantize.h"

#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <vector>

namespace vela::backend::vulkan::test {

using gguf::TensorType;

inline std::mt19937 rng(7);

inline std::vector<float> randomFloats(size_t n, float scale = 1.0f)
{
    std::normal_distribution<float> d(0.0f, scale);
    std::vector<float> v(n);
    for (float& x : v)
        x = d(rng);
    return v;
}

// Random stored rows of any type: random bytes with every scale field set
// to a small finite half, so values are finite and non-trivial.
inline std::vector<uint8_t> randomRows(TensorType type, uint32_t k, uint32_t rows)
{
    const gguf::TypeLayout& l = gguf::layoutOf(type);
    const size_t rowBytes = quant::rowBytes(type, k);
    std::vector<uint8_t> data(rowBytes * rows);
    if (type == TensorType::F32 || type == TensorType::F16 || type == TensorType::BF16) {
        auto f = randomFloats(size_t(k) * rows);
        auto bytes = quant::quantize(type, f.data(), f.size());
        std::memcpy(data.data(), bytes.data(), data.size());
        return data;
    }
    for (auto& b : data)
        b = uint8_t(rng());
    std::vector<size_t> scaleOffsets;
    switch (type) {
    case TensorType::Q4_0: case TensorType::Q5_0: case TensorType::Q8_0: scaleOffsets = {0}; break;
    case TensorType::Q4_1: case TensorType::Q5_1: case TensorType::Q4_K: case TensorType::Q5_K: scaleOffsets = {0, 2}; break;
    case TensorType::Q2_K: scaleOffsets = {80, 82}; break;
    case TensorType::Q3_K: scaleOffsets = {108}; break;
    case TensorType::Q6_K: scaleOffsets = {208}; break;
    default: break;
    }
    std::uniform_real_distribution<float> scale(0.001f, 0.05f);
    for (size_t b = 0; b < data.size() / l.blockBytes; ++b)
        for (size_t off : scaleOffsets) {
            const uint16_t h = quant::floatToHalf(scale(rng));
            std::memcpy(&data[b * l.blockBytes + off], &h, 2);
        }
    return data;
}

inline float maxRelError(const std::vector<float>& got, const std::vector<float>& want)
{
    float scale = 1e-6f, err = 0.0f;
    for (float w : want)
        scale = std::max(scale, std::fabs(w));
    for (size_t i = 0; i < got.size(); ++i)
        err = std::max(err, std::fabs(got[i] - want[i]));
    return err / scale;
}

inline const TensorType kAllTypes[] = {TensorType::F32,  TensorType::F16,  TensorType::BF16, TensorType::Q4_0,
                                       TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0,
                                       TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                                       TensorType::Q6_K};

// Every matmul layout is tested on every device: split-k (GPUs), row per
// thread and the texel variant (CPU devices), whichever the device is. Each
// row checks that the layout it names ran (kernels::matmul's result), or the
// documented fallback for its shape, and skips where the device cannot run
// that layout at all.
using Layout = kernels::MatmulLayout;
inline const Layout kLayouts[] = {Layout::SplitK, Layout::RowPerThread, Layout::Texel, Layout::Subgroup};

inline QString layoutName(Layout l)
{
    switch (l) {
    case Layout::SplitK: return QStringLiteral("split-k");
    case Layout::RowPerThread: return QStringLiteral("row-per-thread");
    case Layout::Texel: return QStringLiteral("texel");
    case Layout::Subgroup: return QStringLiteral("subgroup");
    case Layout::Tiled: return QStringLiteral("tiled");
    case Layout::TiledInt8: return QStringLiteral("tiled-int8");
    case Layout::Auto: break;
    }
    return QStringLiteral("auto");
}

inline bool isBlockType(TensorType t) { return t != TensorType::F32 && t != TensorType::F16 && t != TensorType::BF16; }

// The layout a product asked for `asked` must run, by MatmulLayout's
// fallback rules (inputs here are at aligned offsets); `skip` gets why when
// this device cannot run `asked` at all.
inline Layout expectedLayout(Layout asked, TensorType t, uint32_t tokens, uint32_t k, const KernelPlan& plan, QString& skip)
{
    switch (asked) {
    case Layout::Texel:
        if (!plan.texelBuffers)
            skip = QStringLiteral("the device needs texel offsets aligned to more than 16 bytes");
        return k % 4 == 0 ? Layout::Texel : Layout::RowPerThread;
    case Layout::Subgroup:
        if (!plan.subgroupArithmetic)
            skip = QStringLiteral("the device lacks subgroup arithmetic in compute shaders");
        return tokens == 1 && isBlockType(t) && k % 4 == 0 ? Layout::Subgroup : Layout::SplitK;
    default:
        return asked;
    }
}


// What every kernel test needs on the device: a context, pipelines, one
// allocator whose slices the host reads and writes directly, and a CPU
// thread pool for the reference.
class KernelRig {
protected:
    BufferSlice upload(const void* data, size_t bytes);
    BufferSlice floats(const std::vector<float>& v) { return upload(v.data(), v.size() * 4); }
    BufferSlice zeros(size_t bytes);
    std::vector<float> read(const BufferSlice& s, size_t n);
    DeviceMatrix matrix(TensorType type, uint32_t k, uint32_t rows, const std::vector<uint8_t>& data,
                        uint32_t rowsPerPart);
    // Records `record`, a host-read barrier, submits and waits.
    void run(const std::function<void(CommandRecorder&)>& record);
    // A test's initTestCase: the default device's context and pipelines,
    // test memory in blocks of `blockMiB`, one CPU thread for the reference;
    // skips the whole test when there is no Vulkan device.
    void openDevice(uint32_t blockMiB = 16);
    // Its cleanupTestCase: no validation error over the whole test.
    void closeDevice();

    std::shared_ptr<Context> context_;
    std::unique_ptr<Pipelines> pipelines_;
    std::unique_ptr<Allocator> memory_;
    std::unique_ptr<backend::cpu::ThreadPool> pool_;
};

inline void KernelRig::openDevice(uint32_t blockMiB)
{
    if (listDevices().empty())
        QSKIP("no Vulkan device (install mesa-vulkan-drivers for lavapipe)");
    context_ = Context::create();
    pipelines_ = std::make_unique<Pipelines>(context_);
    memory_ = std::make_unique<Allocator>(*context_, VkDeviceSize(blockMiB) << 20);
    pool_ = std::make_unique<backend::cpu::ThreadPool>(1);
    qInfo("device: %s", context_->info().name.c_str());
}

inline void KernelRig::closeDevice()
{
    if (context_)
        QCOMPARE(context_->validationErrors(), 0u);
    memory_.reset();
    pipelines_.reset();
}

inline BufferSlice KernelRig::upload(const void* data, size_t bytes)
{
    BufferSlice s = memory_->allocate(bytes, MemoryKind::Readback, "test data");
    std::memcpy(s.mapped, data, bytes);
    return s;
}

inline BufferSlice KernelRig::zeros(size_t bytes)
{
    BufferSlice s = memory_->allocate(bytes, MemoryKind::Readback, "test output");
    std::memset(s.mapped, 0, bytes);
    return s;
}

inline std::vector<float> KernelRig::read(const BufferSlice& s, size_t n)
{
    std::vector<float> v(n);
    std::memcpy(v.data(), s.mapped, n * 4);
    return v;
}

inline DeviceMatrix KernelRig::matrix(TensorType type, uint32_t k, uint32_t rows, const std::vector<uint8_t>& data,
                                       uint32_t rowsPerPart)
{
    DeviceMatrix m;
    m.type = type;
    m.k = k;
    m.rows = rows;
    m.rowBytes = uint32_t(quant::rowBytes(type, k));
    for (uint32_t r0 = 0; r0 < rows; r0 += rowsPerPart) {
        const uint32_t n = std::min(rowsPerPart, rows - r0);
        m.parts.push_back({upload(data.data() + size_t(r0) * m.rowBytes, size_t(n) * m.rowBytes), r0, n});
    }
    return m;
}

inline void KernelRig::run(const std::function<void(CommandRecorder&)>& record)
{
    CommandRecorder r(*pipelines_);
    r.begin();
    record(r);
    r.hostReadBarrier();
    r.end();
    r.submitAndWait();
}

} // namespace vela::backend::vulkan::test
