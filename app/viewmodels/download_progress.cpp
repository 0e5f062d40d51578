#include "download_progress.h"

#include <QLocale>

#include <cmath>

namespace vela::app {

DownloadProgress::DownloadProgress(QObject* parent) : QObject(parent) {}

DownloadProgress::~DownloadProgress()
{
    if (download_) {
        download_->disconnect(this); // it still signals while pausing
        if (download_->state() == library::Download::State::Running)
            download_->pause();
    }
}

QVariant DownloadProgress::value(Field field) const
{
    return valueOf(live_, field);
}

QVariant DownloadProgress::idleValue(Field field)
{
    return valueOf(Live{}, field);
}

void DownloadProgress::addRoleNames(QHash<int, QByteArray>& names, int firstRole)
{
    static const char* const kNames[kFieldCount] = {"downloadState", "progress", "speedText",
                                                    "timeLeftText",  "error",    "statusText"};
    for (int i = 0; i < kFieldCount; ++i)
        names.insert(firstRole + i, kNames[i]);
}

std::optional<QVariant> DownloadProgress::roleValue(const DownloadProgress* progress, int role, int firstRole)
{
    if (role < firstRole || role >= firstRole + kFieldCount)
        return std::nullopt;
    const auto field = Field(role - firstRole);
    return progress ? progress->value(field) : idleValue(field);
}

QVariant DownloadProgress::valueOf(const Live& l, Field field)
{
    switch (field) {
    case Field::State:
        return l.state;
    case Field::Progress:
        return l.total > 0 ? double(l.received) / double(l.total) : -1.0;
    case Field::SpeedText:
        return l.state == QLatin1String("running") && l.speed > 0
                   ? tr("%1/s").arg(QLocale().formattedDataSize(qint64(l.speed), 1))
                   : QString();
    case Field::TimeLeftText: {
        if (l.state != QLatin1String("running") || l.secondsLeft < 0)
            return QString();
        const int s = int(std::ceil(l.secondsLeft));
        return s < 60 ? tr("%n second(s) left", nullptr, s) : tr("%n minute(s) left", nullptr, (s + 59) / 60);
    }
    case Field::Error:
        return l.error;
    case Field::StatusText:
        if (l.state == QLatin1String("resolving"))
            return tr("Looking it up on the Hugging Face Hub…");
        if (l.state != QLatin1String("paused"))
            return QString();
        if (l.total > 0)
            return tr("Paused — %1 % downloaded").arg(int(std::floor(100.0 * double(l.received) / double(l.total))));
        return tr("Paused — %1 downloaded").arg(QLocale().formattedDataSize(l.received, 1));
    }
    return {};
}

bool DownloadProgress::running() const
{
    return download_ && download_->state() == library::Download::State::Running;
}

void DownloadProgress::restorePaused(qint64 received, qint64 total)
{
    live_.state = QStringLiteral("paused");
    live_.received = received;
    live_.total = total;
    emit changed();
}

void DownloadProgress::start(library::ModelLibrary& library, const library::DownloadRequest& request, qint64 total)
{
    if (running())
        return;
    if (!download_) {
        auto* d = new library::Download(&library, request, this);
        download_ = d;
        live_.total = total;
        connect(d, &library::Download::progress, this, [this](qint64 received, qint64 all, double speed, double left) {
            live_.received = received;
            live_.total = all;
            live_.speed = speed;
            live_.secondsLeft = left;
            emit changed();
        });
        connect(d, &library::Download::stateChanged, this, &DownloadProgress::onStateChanged);
        connect(d, &library::Download::failed, this, [this](const QString& message) {
            live_.error = message;
            emit changed();
        });
        connect(d, &library::Download::finished, this, &DownloadProgress::finished);
    }
    download_->start();
}

void DownloadProgress::onStateChanged(library::Download::State s)
{
    // progress() is throttled to ~10/s and not sent on pause or failure, so
    // the last one can be bytes behind the part: take the count from the
    // download itself, or "Paused — N %" would show less than is kept (and
    // than the same part shows after a restart).
    if (s != library::Download::State::Cancelled && download_) {
        live_.received = download_->received();
        if (download_->total() >= 0)
            live_.total = download_->total();
    }
    switch (s) {
    case library::Download::State::Idle: live_.state = QStringLiteral("idle"); break;
    case library::Download::State::Running: live_.state = QStringLiteral("running"); live_.error.clear(); break;
    case library::Download::State::Paused: live_.state = QStringLiteral("paused"); break;
    case library::Download::State::Failed: live_.state = QStringLiteral("failed"); break;
    case library::Download::State::Cancelled: live_.state = QStringLiteral("idle"); live_.received = 0; break;
    case library::Download::State::Done: live_.state = QStringLiteral("done"); break;
    }
    emit changed();
}

void DownloadProgress::pause()
{
    if (download_)
        download_->pause();
}

void DownloadProgress::cancel()
{
    if (download_) {
        library::Download* d = download_;
        download_ = nullptr;
        d->disconnect(this);
        d->cancel();
        d->deleteLater();
    }
    live_ = Live{};
    emit changed();
}

void DownloadProgress::resolving()
{
    live_ = Live{};
    live_.state = QStringLiteral("resolving");
    emit changed();
}

void DownloadProgress::refuse(const QString& message)
{
    live_.state = QStringLiteral("failed");
    live_.error = message;
    emit changed();
}

} // namespace vela::app
