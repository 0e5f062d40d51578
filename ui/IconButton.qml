// IconButton: a button that shows an icon only. `text` is required: it is
// the tooltip (on hover and on keyboard focus) and the accessible name, so
// no icon-only button goes unnamed. Reachable by Tab, with a focus ring.
import QtQuick
import QtQuick.Controls

ToolButton {
    id: control
    property string iconName
    property int iconSize: 18
    property color iconColor: Theme.colors.text

    display: AbstractButton.IconOnly
    focusPolicy: Qt.StrongFocus
    padding: Theme.spacingXs
    implicitWidth: iconSize + 2 * padding + 4
    implicitHeight: iconSize + 2 * padding + 4
    hoverEnabled: true

    contentItem: Icon {
        name: control.iconName
        size: control.iconSize
        color: control.iconColor
        opacity: control.enabled ? 1 : 0.4
    }
    background: Rectangle {
        radius: Theme.radiusSmall
        color: control.down ? Theme.colors.pressed
             : control.hovered && control.enabled ? Theme.colors.hover : "transparent"
        border.width: control.visualFocus ? Theme.focusRingWidth : 0
        border.color: Theme.colors.focusRing
    }

    ToolTip.visible: (hovered || visualFocus) && text !== ""
    ToolTip.text: text
    ToolTip.delay: visualFocus ? 0 : 600
    Accessible.role: Accessible.Button
    Accessible.name: text
}
