// ScrollBar: a slim rounded handle that widens under the pointer.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.ScrollBar {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: 2
    visible: control.policy !== T.ScrollBar.AlwaysOff
    minimumSize: orientation === Qt.Horizontal ? height / width : width / height
    hoverEnabled: true

    contentItem: Rectangle {
        implicitWidth: control.interactive ? (control.hovered || control.pressed ? 8 : 6) : 3
        implicitHeight: control.interactive ? (control.hovered || control.pressed ? 8 : 6) : 3
        radius: Math.min(width, height) / 2
        color: Theme.colors.subtleText
        opacity: control.policy === T.ScrollBar.AlwaysOn || (control.active && control.size < 1.0) ? 0.7 : 0
        Behavior on opacity { NumberAnimation { duration: 200 } }
    }
}
