// ItemDelegate: a row of a list or a combo box's popup; the selection
// color when highlighted, the hover overlay under the pointer.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.ItemDelegate {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: Theme.spacingS
    horizontalPadding: Theme.spacingM
    hoverEnabled: true

    contentItem: Text {
        text: control.text
        font: control.font
        color: Theme.colors.text
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
        opacity: control.enabled ? 1 : 0.45
    }
    background: Rectangle {
        implicitHeight: 34
        radius: Theme.radiusSmall
        color: control.highlighted ? Theme.colors.selection : "transparent"
        Rectangle {
            anchors.fill: parent
            radius: parent.radius
            color: control.down ? Theme.colors.pressed : control.hovered ? Theme.colors.hover : "transparent"
        }
        Rectangle {
            anchors.fill: parent
            radius: parent.radius
            color: "transparent"
            border.width: control.visualFocus ? Theme.focusRingWidth : 0
            border.color: Theme.colors.focusRing
        }
    }
}
