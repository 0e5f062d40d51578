// backend::chooseBackend / createBackend: the one backend selection of
// vela-cli and the app.
#include "backend/backend_factory.h"
#include "backend/vulkan/context.h"

#include "model_writer.h"

#include <QtTest>

using namespace vela;
using backend::BackendKind;
using backend::BackendOptions;

namespace {

std::vector<backend::vulkan::DeviceInfo> devices(uint32_t n)
{
    std::vector<backend::vulkan::DeviceInfo> out(n);
    for (uint32_t i = 0; i < n; ++i) {
        out[i].index = i;
        out[i].name = "device " + std::to_string(i);
        out[i].type = "discrete";
    }
    return out;
}

// The message of the NoDevice that `f` throws, or "" when it throws none.
template <typename F>
std::string noDeviceMessage(F&& f)
{
    try {
        f();
    } catch (const backend::NoDevice& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestBackendFactory : public QObject {
    Q_OBJECT
private slots:
    void autoPicksVulkanWhenADeviceExists()
    {
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Auto}, devices(1)), BackendKind::Vulkan);
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Auto, .device = 1}, devices(2)), BackendKind::Vulkan);
    }
    void autoFallsBackToTheCpu()
    {
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Auto}, devices(0)), BackendKind::Cpu);
        // No device at all: the index cannot be honoured, the CPU runs.
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Auto, .device = 3}, devices(0)), BackendKind::Cpu);
    }
    void cpuForced()
    {
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Cpu}, devices(2)), BackendKind::Cpu);
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Cpu, .device = 7}, devices(2)), BackendKind::Cpu);
    }
    void vulkanWithoutDevices()
    {
        const std::string m = noDeviceMessage([] { backend::chooseBackend({.kind = BackendKind::Vulkan}, devices(0)); });
        QVERIFY2(m.find("no Vulkan device is available") != std::string::npos, m.c_str());
    }
    void badDeviceIndex_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("auto") << int(BackendKind::Auto);
        QTest::newRow("vulkan") << int(BackendKind::Vulkan);
    }
    void badDeviceIndex()
    {
        QFETCH(int, kind);
        const BackendOptions o{.kind = BackendKind(kind), .device = 2};
        const std::string m = noDeviceMessage([&] { backend::chooseBackend(o, devices(2)); });
        QCOMPARE(QString::fromStdString(m), QStringLiteral("Vulkan device 2 does not exist (2 found; see vela-cli devices)"));
        // A NoDevice is invalid input: vela-cli exits 2 for it.
        QVERIFY_THROWS_EXCEPTION(InvalidInput, backend::chooseBackend(o, devices(2)));
    }
    // A device the requirement rule refuses (DeviceInfo::unusableReason) is
    // skipped by Auto, refused by Vulkan, and an explicit index of it fails
    // naming the reason.
    void unusableDevicesAreSkippedOrRefusedWithTheReason()
    {
        auto list = devices(2);
        list[0].unusableReason = "Vulkan 1.1 is older than the 1.2 Vela's kernels need";
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Auto}, list), BackendKind::Vulkan);
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Vulkan, .device = 1}, list), BackendKind::Vulkan);
        std::string m = noDeviceMessage([&] { backend::chooseBackend({.kind = BackendKind::Auto, .device = 0}, list); });
        QVERIFY2(m.find("Vulkan device 0 'device 0' cannot run Vela: Vulkan 1.1 is older") != std::string::npos,
                 m.c_str());
        list[1].unusableReason = "no compute queue";
        QCOMPARE(backend::chooseBackend({.kind = BackendKind::Auto}, list), BackendKind::Cpu);
        m = noDeviceMessage([&] { backend::chooseBackend({.kind = BackendKind::Vulkan}, list); });
        QVERIFY2(m.find("no usable Vulkan device") != std::string::npos, m.c_str());
        QVERIFY2(m.find("device 1: no compute queue") != std::string::npos, m.c_str());
    }
    // The real machine: what createBackend builds for each choice.
    void createsTheChosenBackend()
    {
        const auto model = test::openModel(test::ModelSpec{});
        QCOMPARE(backend::createBackend(model, {.kind = BackendKind::Cpu, .threads = 1})->kind(), BackendKind::Cpu);
        const auto present = backend::vulkan::listDevices();
        const BackendKind expected = present.empty() ? BackendKind::Cpu : BackendKind::Vulkan;
        QCOMPARE(backend::createBackend(model, {.kind = BackendKind::Auto, .threads = 1})->kind(), expected);
        const auto past = uint32_t(present.size());
        if (present.empty())
            QVERIFY_THROWS_EXCEPTION(backend::NoDevice, backend::createBackend(model, {.kind = BackendKind::Vulkan}));
        else
            QVERIFY_THROWS_EXCEPTION(backend::NoDevice,
                                     backend::createBackend(model, {.kind = BackendKind::Vulkan, .device = past}));
    }
};

QTEST_GUILESS_MAIN(TestBackendFactory)
#include "tst_backend_factory.moc"
