// MenuItem: text with an optional check; the selection color on the
// keyboard-highlighted item, the hover overlay under the pointer.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.MenuItem {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding,
                             implicitIndicatorHeight + topPadding + bottomPadding)
    padding: Theme.spacingXs + 2
    horizontalPadding: Theme.spacingM
    spacing: Theme.spacingS
    hoverEnabled: true

    contentItem: Text {
        leftPadding: control.checkable && !control.mirrored ? control.indicator.width + control.spacing : 0
        rightPadding: control.checkable && control.mirrored ? control.indicator.width + control.spacing : 0
        text: control.text
        font: control.font
        color: Theme.colors.text
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
        opacity: control.enabled ? 1 : 0.45
    }
    indicator: Icon {
        x: control.mirrored ? control.width - width - control.rightPadding : control.leftPadding
        y: control.topPadding + (control.availableHeight - height) / 2
        name: "check"
        size: 16
        visible: control.checked
    }
    arrow: Icon {
        x: control.mirrored ? control.leftPadding : control.width - width - control.rightPadding
        y: control.topPadding + (control.availableHeight - height) / 2
        name: control.mirrored ? "chevron_left" : "chevron_right"
        size: 16
        visible: control.subMenu
    }
    background: Rectangle {
        implicitWidth: 180
        implicitHeight: 32
        radius: Theme.radiusSmall
        color: control.down ? Theme.colors.pressed : control.highlighted ? Theme.colors.selection : "transparent"
    }
}
