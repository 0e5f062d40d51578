// What a user pastes (hub_link.h), the Hub's repo-name rule, and the GGUF
// listing of a repo's files (hub_listing.h): single files, split sets as one
// model, quantization names; the download request built for a Hub file.
#include "library/hub_endpoint.h"
#include "library/hub_link.h"
#include "library/hub_listing.h"

#include <QtTest/QTest>

using namespace vela::library;

class TestLibraryHubLink : public QObject {
    Q_OBJECT
private:
    const QUrl hub_{QStringLiteral("https://huggingface.co")};

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("path");
        const QString hf = QStringLiteral("https://huggingface.co");
        QTest::newRow("name") << "Qwen/Qwen3-0.6B-GGUF" << hf << "Qwen/Qwen3-0.6B-GGUF" << "" << "";
        QTest::newRow("name, spaces") << "  Qwen/Qwen3-0.6B-GGUF \n" << hf << "Qwen/Qwen3-0.6B-GGUF" << "" << "";
        QTest::newRow("name/") << "Qwen/Qwen3-0.6B-GGUF/" << hf << "Qwen/Qwen3-0.6B-GGUF" << "" << "";
        QTest::newRow("name/file") << "Qwen/Qwen3-0.6B-GGUF/Qwen3-0.6B-Q8_0.gguf" << hf << "Qwen/Qwen3-0.6B-GGUF"
                                   << "" << "Qwen3-0.6B-Q8_0.gguf";
        QTest::newRow("name/folder/file") << "unsloth/M-GGUF/Q4_K_M/M-Q4_K_M.gguf" << hf << "unsloth/M-GGUF" << ""
                                          << "Q4_K_M/M-Q4_K_M.gguf";
        QTest::newRow("repo URL") << "https://huggingface.co/Qwen/Qwen3-0.6B-GGUF" << hf << "Qwen/Qwen3-0.6B-GGUF"
                                  << "" << "";
        QTest::newRow("repo URL/") << "https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/" << hf
                                   << "Qwen/Qwen3-0.6B-GGUF" << "" << "";
        QTest::newRow("www, no scheme") << "www.huggingface.co/Qwen/Qwen3-0.6B-GGUF" << hf
                                        << "Qwen/Qwen3-0.6B-GGUF" << "" << "";
        QTest::newRow("hf.co") << "hf.co/Qwen/Qwen3-0.6B-GGUF" << hf << "Qwen/Qwen3-0.6B-GGUF" << "" << "";
        QTest::newRow("https hf.co") << "https://hf.co/Qwen/Qwen3-0.6B-GGUF" << hf << "Qwen/Qwen3-0.6B-GGUF" << ""
                                     << "";
        QTest::newRow("tree") << "https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/tree/main" << hf
                              << "Qwen/Qwen3-0.6B-GGUF" << "main" << "";
        QTest::newRow("tree/folder") << "https://huggingface.co/u/M-GGUF/tree/v1.0/Q4_K_M" << hf << "u/M-GGUF"
                                     << "v1.0" << "Q4_K_M";
        QTest::newRow("tree, encoded rev") << "https://huggingface.co/u/M/tree/refs%2Fpr%2F1" << hf << "u/M"
                                           << "refs/pr/1" << "";
        QTest::newRow("blob") << "https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/blob/main/Qwen3-0.6B-Q8_0.gguf" << hf
                              << "Qwen/Qwen3-0.6B-GGUF" << "main" << "Qwen3-0.6B-Q8_0.gguf";
        QTest::newRow("resolve ?download") << "https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/"
                                              "23749fefcc72300e3a2ad315e1317431b06b590a/Qwen3-0.6B-Q8_0.gguf"
                                              "?download=true#x"
                                           << hf << "Qwen/Qwen3-0.6B-GGUF"
                                           << "23749fefcc72300e3a2ad315e1317431b06b590a" << "Qwen3-0.6B-Q8_0.gguf";
        QTest::newRow("name ?query") << "u/M/f.gguf?download=true" << hf << "u/M" << "" << "f.gguf";
        QTest::newRow("encoded space") << "https://huggingface.co/u/M/blob/main/a%20b.gguf" << hf << "u/M" << "main"
                                       << "a b.gguf";
        QTest::newRow("mirror host") << "http://127.0.0.1:8080/u/M/blob/main/f.gguf" << "http://127.0.0.1:8080"
                                     << "u/M" << "main" << "f.gguf";
        QTest::newRow("mirror path") << "https://mirror.example/hf/u/M/tree/main" << "https://mirror.example/hf"
                                     << "u/M" << "main" << "";
        QTest::newRow("hf link, mirror set") << "https://huggingface.co/u/M" << "https://mirror.example/hf" << "u/M"
                                             << "" << "";
        QTest::newRow("names with . _ -") << "a.b_c-d/e.f_g-h" << hf << "a.b_c-d/e.f_g-h" << "" << "";
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(QString, endpoint);
        QString why;
        const auto ref = parseHubLink(text, QUrl(endpoint), &why);
        QVERIFY2(ref, qPrintable(why));
        QTEST(ref->repo, "repo");
        QTEST(ref->revision, "revision");
        QTEST(ref->path, "path");
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason"); // a word the message must contain
        QTest::newRow("empty") << "  " << "paste";
        QTest::newRow("one part") << "Qwen" << "OWNER/REPO";
        QTest::newRow("other host") << "https://github.com/Qwen/Qwen3" << "github.com";
        QTest::newRow("other host, no scheme") << "example.com/Qwen/Qwen3" << "not on Hugging Face";
        QTest::newRow("lookalike host") << "https://huggingface.co.evil.example/u/M" << "not on Hugging Face";
        QTest::newRow("ftp") << "ftp://huggingface.co/u/M" << "not a valid link";
        QTest::newRow("dataset") << "https://huggingface.co/datasets/u/d" << "dataset";
        QTest::newRow("dataset name") << "datasets/u/d" << "dataset";
        QTest::newRow("space") << "https://huggingface.co/spaces/u/s" << "Space";
        QTest::newRow("..") << "u/M/../x.gguf" << "'..'";
        QTest::newRow("encoded ..") << "https://huggingface.co/u/M/blob/main/%2E%2E/x.gguf" << "'..'";
        QTest::newRow("encoded slash") << "https://huggingface.co/u/M/blob/main/a%2F..%2Fb" << "'..'";
        QTest::newRow("rev ..") << "https://huggingface.co/u/M/tree/refs%2F..%2Fx" << "'..'";
        QTest::newRow("empty part") << "u//M" << "empty";
        QTest::newRow("empty owner") << "/M" << "empty";
        QTest::newRow("blob without file") << "https://huggingface.co/u/M/blob/main" << "no revision or file";
        QTest::newRow("tree without rev") << "https://huggingface.co/u/M/tree" << "no revision or file";
        QTest::newRow("discussions") << "https://huggingface.co/u/M/discussions/3" << "not a link to a model";
        QTest::newRow("leading -") << "-u/M" << "not a valid";
        QTest::newRow("leading .") << "u/.M" << "not a valid";
        QTest::newRow("trailing .") << "u/M." << "not a valid";
        QTest::newRow("--") << "u/a--b" << "not a valid";
        QTest::newRow("..name") << "u/a..b" << "not a valid";
        QTest::newRow("bad char") << "u/a b" << "not a valid";
        QTest::newRow("too long") << "u/" + QString(97, QLatin1Char('a')) << "not a valid";
        QTest::newRow("backslash") << "u/M/a\\b.gguf" << "'..'";
    }
    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QString why;
        const auto ref = parseHubLink(text, hub_, &why);
        QVERIFY2(!ref, qPrintable(ref ? ref->repo + " | " + ref->path : QString()));
        QVERIFY2(why.contains(reason), qPrintable(why));
    }

    void hubNames()
    {
        QVERIFY(isHubName("Qwen3-0.6B-GGUF"));
        QVERIFY(isHubName(QString(96, QLatin1Char('a'))));
        QVERIFY(!isHubName(""));
        QVERIFY(!isHubName("a-"));
        QVERIFY(!isHubName("é"));
    }

    void quantization_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("quant");
        QTest::newRow("Q8_0") << "Qwen3-0.6B-Q8_0.gguf" << "Q8_0";
        QTest::newRow("lower q4_k_m") << "qwen2.5-3b-instruct-q4_k_m.gguf" << "Q4_K_M";
        QTest::newRow("dot style") << "llama-2-7b.Q5_K_S.gguf" << "Q5_K_S";
        QTest::newRow("IQ4_XS") << "folder/M-IQ4_XS.gguf" << "IQ4_XS";
        QTest::newRow("BF16") << "M-BF16.gguf" << "BF16";
        QTest::newRow("F16") << "M-f16.gguf" << "F16";
        QTest::newRow("IQ2_XXS") << "M-IQ2_XXS.gguf" << "IQ2_XXS";
        QTest::newRow("not a word") << "MyQ8_0Model.gguf" << "";
        QTest::newRow("unknown") << "M-UD-Q4_K_XL.gguf" << "";
        QTest::newRow("none") << "model.gguf" << "";
    }
    void quantization()
    {
        QFETCH(QString, file);
        QTEST(quantizationFromFileName(file), "quant");
    }

    void listing()
    {
        const QString sha(64, QLatin1Char('a'));
        const QList<HubFile> files{
            {"README.md", 10, {}},
            {"M-Q8_0.gguf", 100, sha},
            {"big/M-Q4_K_M-00002-of-00003.gguf", 20, sha},
            {"big/M-Q4_K_M-00001-of-00003.gguf", 30, sha},
            {"big/M-Q4_K_M-00003-of-00003.gguf", 5, sha},
            {"M-F16-00001-of-00002.gguf", 7, sha}, // part 2 missing: left out
            {"M-nosha.gguf", 3, {}},
        };
        const QList<HubGgufModel> models = ggufModels(files);
        QCOMPARE(models.size(), 3);
        QCOMPARE(models[0].files[0].path, QStringLiteral("M-Q8_0.gguf"));
        QCOMPARE(models[0].name, QStringLiteral("M-Q8_0"));
        QCOMPARE(models[0].quantization, QStringLiteral("Q8_0"));
        QCOMPARE(models[0].parts(), 1);
        QVERIFY(models[0].downloadRefusal().isEmpty());

        QCOMPARE(models[1].name, QStringLiteral("M-nosha"));
        QVERIFY(models[1].downloadRefusal().contains("SHA-256"));

        const HubGgufModel& split = models[2];
        QCOMPARE(split.name, QStringLiteral("M-Q4_K_M"));
        QCOMPARE(split.parts(), 3);
        QCOMPARE(split.size, qint64(55));
        QCOMPARE(split.quantization, QStringLiteral("Q4_K_M"));
        QCOMPARE(split.files[0].path, QStringLiteral("big/M-Q4_K_M-00001-of-00003.gguf"));
        QCOMPARE(split.files[2].path, QStringLiteral("big/M-Q4_K_M-00003-of-00003.gguf"));
        QVERIFY(split.downloadRefusal().contains("split"));
        QVERIFY(split.downloadRefusal().contains("single file"));
    }

    void downloadRequest()
    {
        const QString commit(40, QLatin1Char('c'));
        const HubFile f{"folder/M Q8_0.gguf", 123, QString(64, QLatin1Char('b'))};
        const DownloadRequest r = hubDownloadRequest(hub_, "u/M", commit, f);
        QCOMPARE(r.url, hubFileUrl(hub_, "u/M", commit, f.path));
        QCOMPARE(r.url.toString(QUrl::FullyEncoded),
                 "https://huggingface.co/u/M/resolve/" + commit + "/folder/M%20Q8_0.gguf");
        QCOMPARE(r.fileName, QStringLiteral("M Q8_0.gguf"));
        QCOMPARE(r.sha256, f.sha256);
        QCOMPARE(r.expectedSize, qint64(123));
        QCOMPARE(r.repo, QStringLiteral("u/M"));
        QCOMPARE(r.revision, commit);
    }
};

QTEST_GUILESS_MAIN(TestLibraryHubLink)
#include "tst_library_hub_link.moc"
