// CheckBox: a rounded box with a check icon; the accent when checked.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.CheckBox {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding,
                             implicitIndicatorHeight + topPadding + bottomPadding)
    padding: Theme.spacingXs
    spacing: Theme.spacingS
    hoverEnabled: true
    focusPolicy: Qt.StrongFocus

    indicator: Rectangle {
        implicitWidth: 18
        implicitHeight: 18
        x: control.text ? (control.mirrored ? control.width - width - control.rightPadding : control.leftPadding)
                        : control.leftPadding + (control.availableWidth - width) / 2
        y: control.topPadding + (control.availableHeight - height) / 2
        radius: Theme.radiusSmall
        color: control.checkState !== Qt.Unchecked ? Theme.colors.accent : Theme.colors.window
        border.width: control.checkState !== Qt.Unchecked ? 0 : 1
        border.color: Theme.colors.subtleText
        opacity: control.enabled ? 1 : 0.45
        Icon {
            anchors.centerIn: parent
            name: control.checkState === Qt.PartiallyChecked ? "remove" : "check"
            size: 16
            color: Theme.colors.accentText
            visible: control.checkState !== Qt.Unchecked
        }
        FocusRing { control: control; controlRadius: Theme.radiusSmall }
    }
    contentItem: Text {
        leftPadding: control.indicator && !control.mirrored ? control.indicator.width + control.spacing : 0
        rightPadding: control.indicator && control.mirrored ? control.indicator.width + control.spacing : 0
        text: control.text
        font: control.font
        color: Theme.colors.text
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        opacity: control.enabled ? 1 : 0.45
    }
}
