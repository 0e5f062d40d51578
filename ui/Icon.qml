// Icon: one glyph of Material Icons (Google, Apache-2.0; Debian's
// fonts-material-design-icons-iconfont, bundled into the resources by
// ui/CMakeLists.txt), named by the font's own ligature ("content_copy",
// "refresh"; the names are listed in the package's
// scss/_variables.scss). Decorative: the control it sits in carries the
// accessible name, so screen readers skip the glyph's ligature text.
import QtQuick

Text {
    property string name
    property int size: 18
    text: name
    font.family: Theme.iconFamily
    font.pixelSize: size
    color: Theme.colors.text
    horizontalAlignment: Text.AlignHCenter
    verticalAlignment: Text.AlignVCenter
    Accessible.ignored: true
}
