// Selects Vela.Style (this folder: Vela's Qt Quick Controls style) for the
// process. Call it after the application object exists and before a QML
// engine first imports QtQuick.Controls; the executable also links
// vela_style + vela_styleplugin and imports Vela_StylePlugin (static).
#pragma once

#include <QQuickStyle>

namespace vela::ui {

inline void useVelaStyle()
{
    QQuickStyle::setStyle(QStringLiteral("Vela.Style"));
}

} // namespace vela::ui
