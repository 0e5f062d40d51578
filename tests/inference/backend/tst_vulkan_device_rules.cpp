// The device requirement rule (unusableReason), the workgroup clamps
// (workgroupFor / KernelPlan::workgroups), the texel-view limit and the
// default device choice, over synthetic limits: the spec's minimums, a
// 32 KiB-shared-memory laptop GPU, lavapipe, and devices that fall short.
#include "backend/vulkan/context.h"
#include "backend/vulkan/device_requirements.h"
#include "backend/vulkan/kernel_plan.h"

#include <QtTest>

using namespace vela::backend::vulkan;

namespace {

// The Vulkan 1.2 spec's required minimums ("Required Limits").
DeviceLimits specMinimum()
{
    DeviceLimits l;
    l.apiVersion = VK_API_VERSION_1_2;
    l.computeQueue = true;
    l.maxComputeSharedMemorySize = 16384;
    l.maxComputeWorkGroupInvocations = 128;
    l.maxComputeWorkGroupSize = {128, 128, 64};
    l.maxComputeWorkGroupCount = {65535, 65535, 65535};
    l.maxStorageBufferRange = uint64_t(1) << 27;
    l.maxTexelBufferElements = 65536;
    l.minTexelBufferOffsetAlignment = 256;
    l.nonCoherentAtomSize = 256;
    return l;
}

DeviceInfo device(const char* type, DeviceLimits l)
{
    DeviceInfo d;
    d.type = type;
    d.name = std::string("a ") + type + " device";
    d.limits = l;
    d.unusableReason = unusableReason(l);
    return d;
}

QString reason(const DeviceLimits& l) { return QString::fromStdString(unusableReason(l)); }

} // namespace

class TestVulkanDeviceRules : public QObject {
    Q_OBJECT
private slots:
    void theSpecMinimumIsEnough() { QCOMPARE(reason(specMinimum()), QString()); }

    void refusesWithTheReason()
    {
        DeviceLimits l = specMinimum();
        l.apiVersion = VK_API_VERSION_1_1;
        QVERIFY2(reason(l).startsWith("Vulkan 1.1 is older than the 1.2"), qPrintable(reason(l)));

        l = specMinimum();
        l.computeQueue = false;
        QCOMPARE(reason(l), QStringLiteral("no compute queue"));

        // attention's key tile is its workgroup (128) and needs
        // 1 KiB + 8 bytes an invocation.
        l = specMinimum();
        l.maxComputeWorkGroupInvocations = 64;
        QVERIFY2(reason(l).contains("kernel attention needs a workgroup of 128 invocations, the device allows 64"),
                 qPrintable(reason(l)));
        l = specMinimum();
        l.maxComputeSharedMemorySize = 2047;
        QVERIFY2(reason(l).contains("kernel attention needs 2048 bytes of shared memory, the device has 2047"),
                 qPrintable(reason(l)));
        l = specMinimum();
        l.maxStorageBufferRange = uint64_t(1) << 26;
        QVERIFY2(reason(l).startsWith("maxStorageBufferRange 67108864 bytes is below"), qPrintable(reason(l)));
        l = specMinimum();
        l.maxComputeWorkGroupCount[1] = 4096;
        QVERIFY2(reason(l).startsWith("maxComputeWorkGroupCount[1] 4096"), qPrintable(reason(l)));
    }

    // "any" workgroups are clamped to the device, fixed ones kept.
    void workgroupsFitTheDevice()
    {
        const DeviceLimits min = specMinimum();
        QCOMPARE(workgroupFor(kernelShape("rms_norm"), min), 128u); // 256 by default
        QCOMPARE(workgroupFor(kernelShape("swiglu"), min), 128u);
        QCOMPARE(workgroupFor(kernelShape("top_k"), min), 128u);
        QCOMPARE(workgroupFor(kernelShape("matmul"), min), 32u); // 8 KiB of shared memory fits 16
        QCOMPARE(workgroupFor(kernelShape("attention"), min), 128u);

        DeviceLimits big = min; // e.g. an Intel or AMD GPU: 1024 invocations, 32 or 64 KiB
        big.maxComputeWorkGroupInvocations = 1024;
        big.maxComputeWorkGroupSize = {1024, 1024, 1024};
        big.maxComputeSharedMemorySize = 32768;
        QCOMPARE(workgroupFor(kernelShape("rms_norm"), big), 256u);
        QCOMPARE(workgroupFor(kernelShape("matmul"), big), 32u);

        // Shared memory bounds a growing workgroup: matmul takes 32 bytes
        // plus 256 an invocation.
        DeviceLimits tight = big;
        tight.maxComputeSharedMemorySize = 4096;
        QCOMPARE(workgroupFor(kernelShape("matmul"), tight), (4096u - 32u) / 256u);
        tight.maxComputeSharedMemorySize = 16;
        QCOMPARE(workgroupFor(kernelShape("matmul"), tight), 1u);
        // matmul_subgroup: 64 (its maximum) where 2 KiB plus split-k's 256
        // bytes an invocation fit; fewer on Vulkan's minimum 16 KiB (the
        // host then dispatches split-k's workgroup, kernels::matmul).
        QCOMPARE(workgroupFor(kernelShape("matmul_subgroup"), big), 64u);
        tight.maxComputeSharedMemorySize = 16384;
        QCOMPARE(workgroupFor(kernelShape("matmul_subgroup"), tight), (16384u - 2048u) / 256u);

        // The plan carries them, once per device.
        const KernelPlan p = KernelPlan::forDevice(device("discrete", min));
        QCOMPARE(p.workgroups.rmsNorm, 128u);
        QCOMPARE(p.workgroups.attention, 128u);
        QCOMPARE(p.workgroups.attentionTexel, 8u);
        QCOMPARE(p.maxTexelBufferElements, uint64_t(65536));
    }

    // Texel layouts only where the view's elements fit maxTexelBufferElements:
    // Qwen3's 151,936 × 4096 Q8_0 output matrix (4352-byte rows) in one part
    // is 165 M R32 words, past a 2^27-element limit (lavapipe's, and many
    // GPUs'), so kernels::matmul runs the storage-buffer kernel for it; as
    // RGBA32 it would fit.
    void texelViewsWithinTheLimit()
    {
        const uint64_t lavapipeLimit = uint64_t(1) << 27;
        const uint64_t output = uint64_t(151936) * 4352;
        QVERIFY(!KernelPlan::texelViewFits(output, 4, lavapipeLimit));
        QVERIFY(KernelPlan::texelViewFits(output, 16, lavapipeLimit));
        QVERIFY(KernelPlan::texelViewFits(lavapipeLimit * 4, 4, lavapipeLimit));
        QVERIFY(!KernelPlan::texelViewFits(lavapipeLimit * 4 + 1, 4, lavapipeLimit)); // rounded up to a texel
        KernelPlan p;
        p.maxTexelBufferElements = lavapipeLimit;
        QVERIFY(!p.texelFits(output, 4));
    }

    // A real GPU before lavapipe, and never an unusable device while a
    // usable one exists.
    void defaultDeviceSkipsUnusableOnes()
    {
        DeviceLimits old = specMinimum();
        old.apiVersion = VK_API_VERSION_1_1;
        const std::vector<DeviceInfo> devices = {device("cpu", specMinimum()), device("discrete", old),
                                                 device("integrated", specMinimum())};
        QVERIFY(!devices[1].usable());
        QCOMPARE(chooseDefaultDevice(devices), 2u);
        QCOMPARE(chooseDefaultDevice({devices[0], devices[1]}), 0u); // lavapipe over an unusable GPU
        QCOMPARE(chooseDefaultDevice({devices[1]}), 0u);             // none usable: the first
    }
};

QTEST_GUILESS_MAIN(TestVulkanDeviceRules)
#include "tst_vulkan_device_rules.moc"
