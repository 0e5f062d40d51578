// SpinBox: a field with − and + icon buttons inside its outline.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.SpinBox {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            contentItem.implicitWidth + 2 * padding + up.implicitIndicatorWidth + down.implicitIndicatorWidth)
    implicitHeight: Math.max(implicitContentHeight + topPadding + bottomPadding, implicitBackgroundHeight,
                             up.implicitIndicatorHeight, down.implicitIndicatorHeight)
    padding: Theme.spacingXs
    leftPadding: padding + (control.mirrored ? (up.indicator ? up.indicator.width : 0) : (down.indicator ? down.indicator.width : 0))
    rightPadding: padding + (control.mirrored ? (down.indicator ? down.indicator.width : 0) : (up.indicator ? up.indicator.width : 0))
    focusPolicy: Qt.StrongFocus
    hoverEnabled: true

    validator: IntValidator {
        locale: control.locale.name
        bottom: Math.min(control.from, control.to)
        top: Math.max(control.from, control.to)
    }
    contentItem: TextInput {
        z: 2
        text: control.displayText
        font: control.font
        color: Theme.colors.text
        selectionColor: Theme.colors.selection
        selectedTextColor: Theme.colors.text
        horizontalAlignment: Qt.AlignHCenter
        verticalAlignment: Qt.AlignVCenter
        readOnly: !control.editable
        validator: control.validator
        inputMethodHints: control.inputMethodHints
    }
    up.indicator: Rectangle {
        x: control.mirrored ? 0 : control.width - width
        height: control.height
        implicitWidth: 32
        implicitHeight: 32
        radius: Theme.radius
        color: control.up.pressed ? Theme.colors.pressed : control.up.hovered ? Theme.colors.hover : "transparent"
        Icon { anchors.centerIn: parent; name: "add"; size: 18; opacity: control.value < control.to ? 1 : 0.4 }
    }
    down.indicator: Rectangle {
        x: control.mirrored ? parent.width - width : 0
        height: control.height
        implicitWidth: 32
        implicitHeight: 32
        radius: Theme.radius
        color: control.down.pressed ? Theme.colors.pressed : control.down.hovered ? Theme.colors.hover : "transparent"
        Icon { anchors.centerIn: parent; name: "remove"; size: 18; opacity: control.value > control.from ? 1 : 0.4 }
    }
    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 32
        radius: Theme.radius
        color: Theme.colors.surface
        border.width: control.activeFocus ? Theme.focusRingWidth : 1
        border.color: control.activeFocus ? Theme.colors.focusRing : Theme.colors.border
    }
}
