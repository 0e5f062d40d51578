// Dialog: a raised, rounded window with its title as a header; views may
// give their own background (they use Theme too).
import QtQuick
import QtQuick.Controls
import QtQuick.Templates as T
import Vela.Ui

T.Dialog {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            contentWidth + leftPadding + rightPadding,
                            implicitHeaderWidth,
                            implicitFooterWidth)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             contentHeight + topPadding + bottomPadding
                             + (implicitHeaderHeight > 0 ? implicitHeaderHeight + spacing : 0)
                             + (implicitFooterHeight > 0 ? implicitFooterHeight + spacing : 0))
    padding: Theme.spacingL
    // Keyboard focus moves into an open dialog, so Escape closes it and Tab
    // walks its controls (Popup's default leaves focus behind it).
    focus: true

    background: Rectangle {
        color: Theme.colors.window
        border.color: Theme.colors.border
        radius: Theme.radiusLarge
        Elevation { level: Theme.elevationOverlay }
    }
    header: Label {
        text: control.title
        visible: control.title
        elide: Label.ElideRight
        font.bold: true
        font.pointSize: Theme.titleSize
        color: Theme.colors.text
        padding: Theme.spacingL
        bottomPadding: 0
    }
    footer: DialogButtonBox {
        visible: count > 0
    }
    T.Overlay.modal: Rectangle { color: Theme.shadow }
    T.Overlay.modeless: Rectangle { color: "transparent" }
}
