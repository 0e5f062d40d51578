#include "links.h"

#include <QDesktopServices>

namespace vela::app {

bool Links::isOpenable(const QUrl& url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        return !url.host().isEmpty();
    if (scheme == QLatin1String("mailto"))
        return !url.path().isEmpty();
    return false;
}

bool Links::open(const QString& link)
{
    const QUrl url(link, QUrl::StrictMode);
    return isOpenable(url) && QDesktopServices::openUrl(url);
}

} // namespace vela::app
