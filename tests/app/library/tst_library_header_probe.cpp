// HeaderProbe against the local HTTP server: a model's header read with
// growing Range requests gives the same description and shape as the whole
// file read by the library (so the same fit estimate), without fetching the
// weights; a server that ignores Range, cuts a response or fails, and a file
// that is no model, end with a clear message.
#include "http_test_server.h"

#include "library/header_probe.h"
#include "library/model_info.h"
#include "model_writer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

using namespace vela::library;
using vela::test::HttpTestServer;

namespace {
constexpr int kTimeoutMs = 30000;
}

class TestHeaderProbe : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString path_;
    QByteArray body_;
    std::unique_ptr<HttpTestServer> server_;

    struct Outcome {
        bool ok = false;
        HeaderFacts facts;
        QString error;
    };
    Outcome probe(HeaderProbe& p)
    {
        Outcome out;
        QSignalSpy done(&p, &HeaderProbe::finished), failed(&p, &HeaderProbe::failed);
        connect(&p, &HeaderProbe::finished, this, [&](const HeaderFacts& f) { out.facts = f; });
        p.start();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done.size() + failed.size() > 0, kTimeoutMs); }();
        out.ok = done.size() == 1 && failed.isEmpty();
        if (!failed.isEmpty())
            out.error = failed.first().first().toString();
        return out;
    }
    std::unique_ptr<HeaderProbe> make(qint64 first = 256)
    {
        auto p = std::make_unique<HeaderProbe>(QUrl(server_->url()), body_.size(), QStringLiteral("m.gguf"));
        p->setFirstRequestBytes(first);
        return p;
    }
    // "bytes=A-B" → {A, B}
    static std::pair<qint64, qint64> rangeOf(const QByteArray& header)
    {
        const QList<QByteArray> ends = header.mid(6).split('-');
        return {ends.value(0).toLongLong(), ends.value(1).toLongLong()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        path_ = tmp_.filePath(QStringLiteral("m.gguf"));
        vela::test::ModelSpec spec = vela::test::downloadableSpec();
        spec.matrixType = vela::gguf::TensorType::Q8_0;
        vela::test::writeModel(spec, path_.toStdString());
        QFile f(path_);
        QVERIFY(f.open(QIODevice::ReadOnly));
        body_ = f.readAll();
    }
    void init() { server_ = std::make_unique<HttpTestServer>(body_); }

    void readsTheHeaderWithRanges()
    {
        HeaderProbe p(QUrl(server_->url()), body_.size(), QStringLiteral("m.gguf"));
        p.setFirstRequestBytes(256);
        const Outcome o = probe(p);
        QVERIFY2(o.ok, qPrintable(o.error));
        const ModelInfo local = inspectModel(path_, QStringLiteral("m.gguf"));
        QVERIFY(local.valid);
        QCOMPARE(o.facts.description, local.description);
        QCOMPARE(o.facts.shape.weightBytes, local.shape.weightBytes);
        QCOMPARE(o.facts.shape.fileBytes, uint64_t(body_.size()));
        QCOMPARE(o.facts.shape.config().nLayers, local.shape.config().nLayers);
        // The same estimate as for the downloaded file, on either kind of device.
        for (DeviceKind kind : {DeviceKind::Gpu, DeviceKind::Cpu})
            QCOMPARE(estimateMemory(o.facts.shape, 512, kind).total, estimateMemory(local.shape, 512, kind).total);
        QCOMPARE(QString::fromStdString(o.facts.description.quantization), QStringLiteral("Q8_0"));
        // Growing requests, each a closed range from where the last ended,
        // all answered 206, and far less than the file fetched.
        QVERIFY(p.requests() >= 2);
        QCOMPARE(server_->ranges().first(), QByteArray("bytes=0-255"));
        for (int i = 1; i < server_->ranges().size(); ++i) {
            const auto [first, last] = rangeOf(server_->ranges()[i]);
            const auto previous = rangeOf(server_->ranges()[i - 1]);
            QCOMPARE(first, previous.second + 1);                            // from where the last ended
            QVERIFY(last + 1 >= 2 * first || last + 1 == body_.size());      // at least doubling
        }
        QVERIFY(std::all_of(server_->statuses().begin(), server_->statuses().end(), [](int s) { return s == 206; }));
        QVERIFY2(p.fetched() < body_.size() / 2, qPrintable(QString::number(p.fetched())));
    }

    void serverIgnoringRangeIsReadAsFarAsNeeded()
    {
        server_->setMode(HttpTestServer::Mode::IgnoreRange);
        const auto p = make();
        const Outcome o = probe(*p);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(QString::fromStdString(o.facts.description.quantization), QStringLiteral("Q8_0"));
        QVERIFY(p->fetched() < body_.size());
    }

    void cutResponseGoesOn()
    {
        server_->cutNextAfter(100);
        const auto p = make();
        const Outcome o = probe(*p);
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(rangeOf(server_->ranges().value(1)).first, qint64(100)); // from where it stopped
    }

    void failuresAreSaid()
    {
        server_->setMode(HttpTestServer::Mode::Error500);
        {
            const auto p = make();
            const Outcome o = probe(*p);
            QVERIFY(!o.ok);
            QVERIFY2(o.error.contains(QLatin1String("500")), qPrintable(o.error));
        }
        server_->setMode(HttpTestServer::Mode::Normal);
        server_->setBody(QByteArray(4096, 'x'));
        {
            HeaderProbe p(QUrl(server_->url()), 4096, QStringLiteral("x.gguf"));
            const Outcome o = probe(p);
            QVERIFY(!o.ok);
            QVERIFY2(o.error.contains(QLatin1String("not a model Vela can load")), qPrintable(o.error));
        }
        {
            HeaderProbe p(QUrl(QStringLiteral("http://example.org/m.gguf")), 4096, QStringLiteral("m.gguf"));
            const Outcome o = probe(p);
            QVERIFY(!o.ok);
            QVERIFY2(o.error.contains(QLatin1String("only https")), qPrintable(o.error));
        }
        // A file that ends inside its header, as the server lists it.
        server_->setBody(body_.left(200));
        {
            HeaderProbe p(QUrl(server_->url()), 200, QStringLiteral("m.gguf"));
            p.setFirstRequestBytes(64);
            const Outcome o = probe(p);
            QVERIFY(!o.ok);
            QVERIFY2(o.error.contains(QLatin1String("not a model")), qPrintable(o.error));
        }
    }
};

QTEST_GUILESS_MAIN(TestHeaderProbe)
#include "tst_library_header_probe.moc"
