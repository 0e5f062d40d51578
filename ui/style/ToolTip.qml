// ToolTip: inverted colors (text on a dark chip in light mode and the
// reverse), so it stands out from any background it covers.
import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.ToolTip {
    id: control
    x: parent ? (parent.width - implicitWidth) / 2 : 0
    y: -implicitHeight - 4
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            contentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             contentHeight + topPadding + bottomPadding)
    margins: 6
    padding: Theme.spacingXs + 2
    horizontalPadding: Theme.spacingS
    closePolicy: T.Popup.CloseOnEscape | T.Popup.CloseOnPressOutsideParent | T.Popup.CloseOnReleaseOutsideParent

    contentItem: Text {
        text: control.text
        font.pointSize: Theme.smallSize
        wrapMode: Text.Wrap
        color: Theme.colors.window
    }
    background: Rectangle {
        radius: Theme.radiusSmall
        color: Theme.colors.text
    }
}
