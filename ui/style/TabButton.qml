// TabButton: text over an accent underline when current.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.TabButton {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: Theme.spacingS
    horizontalPadding: Theme.spacingM
    hoverEnabled: true
    focusPolicy: Qt.StrongFocus

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.checked ? Theme.colors.text : Theme.colors.subtleText
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitHeight: 36
        radius: Theme.radiusSmall
        color: control.down ? Theme.colors.pressed : control.hovered ? Theme.colors.hover : "transparent"
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 2
            color: Theme.colors.accent
            visible: control.checked
        }
        FocusRing { control: control; controlRadius: Theme.radiusSmall }
    }
}
