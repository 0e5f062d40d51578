// ToolButton: flat, for toolbars and rows of actions; IconButton (Vela.Ui)
// builds on it for icon-only buttons.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.ToolButton {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: Theme.spacingXs + 2
    horizontalPadding: Theme.spacingS
    hoverEnabled: true
    focusPolicy: Qt.StrongFocus

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.checked ? Theme.colors.accent : Theme.colors.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        opacity: control.enabled ? 1 : 0.45
    }
    background: Rectangle {
        implicitWidth: 32
        implicitHeight: 32
        radius: Theme.radiusSmall
        color: control.down || control.checked ? Theme.colors.pressed
             : control.hovered && control.enabled ? Theme.colors.hover : "transparent"
        FocusRing { control: control; controlRadius: Theme.radiusSmall }
    }
}
