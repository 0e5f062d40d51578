// AboutDialog: shows the version it is given (Main.qml passes App.version,
// the CMake project version) and lists the licenses of what Vela uses.
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 800
    height: 700

    Component {
        id: dialogComponent
        AboutDialog {}
    }

    TestCase {
        name: "AboutDialog"
        when: windowShown

        function make(props) {
            const d = createTemporaryObject(dialogComponent, root, props)
            verify(d)
            d.open()
            tryCompare(d, "opened", true)
            return d
        }

        function test_showsVersion() {
            const d = make({ version: "1.2.3" })
            const label = findChild(d.contentItem, "aboutVersion")
            verify(label)
            compare(label.text, "Version 1.2.3")
            d.version = "2.0.0"
            compare(label.text, "Version 2.0.0")
        }

        function test_listsLicenses() {
            const d = make({ version: "1.2.3" })
            const licenses = findChild(d.contentItem, "aboutLicenses")
            verify(licenses)
            verify(licenses.count >= 5)
            let all = ""
            for (let i = 0; i < licenses.count; ++i)
                all += licenses.itemAt(i).text + "\n"
            for (const expected of ["<b>Qt 6</b> — LGPL-3.0", "<b>Vela</b> — MIT", "<b>SQLite</b> — Public domain",
                                    "<b>nlohmann/json</b> — MIT", "<b>ICU</b> — Unicode License", "Apache-2.0",
                                    "<b>highlight.js (built in)</b> — BSD-3-Clause"])
                verify(all.indexOf(expected) >= 0, expected + " in " + all)
        }
    }
}
