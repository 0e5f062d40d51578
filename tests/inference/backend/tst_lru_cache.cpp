// LruCache, which bounds the Vulkan backend's recorded command buffers.
#include "backend/vulkan/lru_cache.h"

#include <QtTest>

#include <memory>

using vela::backend::vulkan::LruCache;

class TestLruCache : public QObject {
    Q_OBJECT
private slots:
    void keepsTheMostRecentlyUsed()
    {
        LruCache<int, std::unique_ptr<int>> c(3);
        for (int i = 0; i < 3; ++i)
            c.insert(i, std::make_unique<int>(10 * i));
        QVERIFY(c.find(0)); // 0 is now the most recent: 1 is the oldest
        c.insert(3, std::make_unique<int>(30));
        QCOMPARE(c.size(), size_t(3));
        QVERIFY(!c.contains(1));
        QVERIFY(c.contains(0) && c.contains(2) && c.contains(3));
        QCOMPARE(**c.find(3), 30);
        QVERIFY(c.find(1) == nullptr);
    }
    void neverHoldsMoreThanItsCapacity()
    {
        // Every prompt tail length once, as a long conversation would
        // record them: the cache stays at its capacity.
        LruCache<int, std::unique_ptr<int>> c(16);
        for (int n = 1; n <= 128; ++n) {
            c.insert(n, std::make_unique<int>(n));
            QVERIFY(c.size() <= 16);
        }
        QCOMPARE(c.size(), size_t(16));
        for (int n = 113; n <= 128; ++n)
            QVERIFY(c.contains(n));
    }
    void replacingAKeyKeepsOneEntry()
    {
        LruCache<int, int> c(2);
        c.insert(1, 1);
        c.insert(1, 2);
        QCOMPARE(c.size(), size_t(1));
        QCOMPARE(*c.find(1), 2);
    }
};

QTEST_GUILESS_MAIN(TestLruCache)
#include "tst_lru_cache.moc"
