// FirstRunView: shown only while the library is empty, no model is loaded
// or loading and the conversation has no messages; its two buttons ask for
// the Models page (browseRequested: the Recommended tab, importRequested:
// the Library tab with the import dialog), which Main.qml opens.
import QtQuick
import QtTest
import Vela.Ui

Item {
    id: root
    width: 700
    height: 500

    Component {
        id: viewComponent
        FirstRunView { width: 560 }
    }

    // What Main.qml does with the signals, against a stub Models page.
    QtObject {
        id: modelsPageStub
        property bool opened: false
        property int tab: -1
        property bool importing: false
        function open() { opened = true }
        function showCatalog() { tab = 1 }
        function importModel() { tab = 0; importing = true }
    }

    SignalSpy { id: browseSpy; signalName: "browseRequested" }
    SignalSpy { id: importSpy; signalName: "importRequested" }

    TestCase {
        name: "FirstRunView"
        when: windowShown

        function make(props) {
            const v = createTemporaryObject(viewComponent, root, props)
            verify(v)
            return v
        }

        function init() {
            browseSpy.clear()
            importSpy.clear()
            modelsPageStub.opened = false
            modelsPageStub.tab = -1
            modelsPageStub.importing = false
        }

        function test_visibleOnlyOnFirstRun_data() {
            return [
                { tag: "empty library, nothing loaded", libraryEmpty: true, modelLoaded: false, modelLoading: false, hasMessages: false, shown: true },
                { tag: "models in the library", libraryEmpty: false, modelLoaded: false, modelLoading: false, hasMessages: false, shown: false },
                { tag: "model loaded", libraryEmpty: true, modelLoaded: true, modelLoading: false, hasMessages: false, shown: false },
                { tag: "model loading", libraryEmpty: true, modelLoaded: false, modelLoading: true, hasMessages: false, shown: false },
                { tag: "conversation has messages", libraryEmpty: true, modelLoaded: false, modelLoading: false, hasMessages: true, shown: false },
                { tag: "library and model", libraryEmpty: false, modelLoaded: true, modelLoading: false, hasMessages: false, shown: false }
            ]
        }

        function test_visibleOnlyOnFirstRun(data) {
            const v = make({ libraryEmpty: data.libraryEmpty, modelLoaded: data.modelLoaded,
                             modelLoading: data.modelLoading, hasMessages: data.hasMessages })
            compare(v.visible, data.shown)
        }

        function test_followsTheState() {
            const v = make({})
            verify(v.visible)
            v.modelLoading = true
            verify(!v.visible)
            v.modelLoading = false
            v.modelLoaded = true
            verify(!v.visible)
            v.modelLoaded = false
            verify(v.visible)
            v.libraryEmpty = false // a download or an import finished
            verify(!v.visible)
        }

        function test_explains() {
            const v = make({})
            verify(findChild(v, "firstRunExplanation").text.indexOf("GGUF") >= 0)
        }

        function test_browseOpensRecommendedTab() {
            const v = make({})
            browseSpy.target = v
            importSpy.target = v
            v.browseRequested.connect(() => { modelsPageStub.open(); modelsPageStub.showCatalog() })
            waitForRendering(v)
            const button = findChild(v, "browseModelsButton")
            verify(button.visible)
            compare(button.text, "Browse recommended models")
            mouseClick(button)
            compare(browseSpy.count, 1)
            compare(importSpy.count, 0)
            verify(modelsPageStub.opened)
            compare(modelsPageStub.tab, 1)
            verify(!modelsPageStub.importing)
        }

        function test_importOpensLibraryTabImporting() {
            const v = make({})
            browseSpy.target = v
            importSpy.target = v
            v.importRequested.connect(() => { modelsPageStub.open(); modelsPageStub.importModel() })
            waitForRendering(v)
            const button = findChild(v, "importModelButton")
            verify(button.visible)
            compare(button.text, "Import a GGUF file…")
            mouseClick(button)
            compare(importSpy.count, 1)
            compare(browseSpy.count, 0)
            verify(modelsPageStub.opened)
            compare(modelsPageStub.tab, 0)
            verify(modelsPageStub.importing)
        }
    }
}
