import QtQuick
import QtQuick.Templates as T
import Vela.Ui

T.MenuSeparator {
    id: control
    implicitWidth: Math.max(implicitBackgroundWidth + leftInset + rightInset,
                            implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(implicitBackgroundHeight + topInset + bottomInset,
                             implicitContentHeight + topPadding + bottomPadding)
    padding: 2
    verticalPadding: Theme.spacingXs
    contentItem: Rectangle {
        implicitWidth: 180
        implicitHeight: 1
        color: Theme.colors.border
    }
}
