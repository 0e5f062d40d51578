import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.Popup {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            contentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             contentHeight + topPadding + bottomPadding)
    padding: Theme.spacingM
    // Keyboard focus moves into an open popup (Settings, Models), so Escape
    // closes it and Tab walks its controls.
    focus: true
    background: Rectangle {
        color: Theme.colors.window
        border.color: Theme.colors.border
        radius: Theme.radius
        Elevation { level: Theme.elevationOverlay }
    }
    T.Overlay.modal: Rectangle { color: Theme.shadow }
    T.Overlay.modeless: Rectangle { color: "transparent" }
}
