<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>Private, offline chat with language models that run on this computer.</source>
        <translation>Chat privado y sin conexión con modelos de lenguaje que se ejecutan en este ordenador.</translation>
    </message>
    <message>
        <source>Licenses</source>
        <translation>Licencias</translation>
    </message>
    <message>
        <source>MIT (see LICENSE)</source>
        <translation>MIT (ver LICENSE)</translation>
    </message>
    <message>
        <source>Unicode License</source>
        <translation>Licencia Unicode</translation>
    </message>
    <message>
        <source>Public domain</source>
        <translation>Dominio público</translation>
    </message>
    <message>
        <source>Vulkan loader</source>
        <translation>Cargador de Vulkan</translation>
    </message>
    <message>
        <source>Mesa (when lavapipe is used)</source>
        <translation>Mesa (cuando se usa lavapipe)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Material Icons (built in)</source>
        <translation>Material Icons (integrados)</translation>
    </message>
    <message>
        <source>highlight.js (built in)</source>
        <translation>highlight.js (integrado)</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Scroll to the latest message</source>
        <translation>Ir al último mensaje</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copiar el código</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message Vela (Enter to send, Shift+Enter for a new line)</source>
        <translation>Escribe a Vela (Intro para enviar, Mayús+Intro para una línea nueva)</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Razonar</translation>
    </message>
    <message>
        <source>Let the model reason before it answers</source>
        <translation>Deja que el modelo razone antes de responder</translation>
    </message>
    <message>
        <source>This model cannot switch thinking on and off</source>
        <translation>Este modelo no permite activar ni desactivar el razonamiento</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Replace with %1</source>
        <translation>Reemplazar por %1</translation>
    </message>
    <message>
        <source>Add to dictionary</source>
        <translation>Añadir al diccionario</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <source>Ignore this word</source>
        <translation>Ignorar esta palabra</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Cortar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Pegar</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Seleccionar todo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>ConversationDrawer</name>
    <message>
        <source>Conversation settings</source>
        <translation>Ajustes de la conversación</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Prompt del sistema</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Eres un asistente útil.</translation>
    </message>
    <message>
        <source>Answer language</source>
        <translation>Idioma de las respuestas</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Plain completion (base models)</source>
        <translation>Completado simple (modelos base)</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Muestreo</translation>
    </message>
    <message>
        <source>Reset to presets</source>
        <translation>Volver a los valores predefinidos</translation>
    </message>
</context>
<context>
    <name>FirstRunView</name>
    <message>
        <source>Welcome to Vela</source>
        <translation>Bienvenido a Vela</translation>
    </message>
    <message>
        <source>Vela answers with a language model: a single file (GGUF) that runs on this computer. Nothing you write leaves it. Download a recommended model or import one you already have.</source>
        <translation>Vela responde con un modelo de lenguaje: un único archivo (GGUF) que se ejecuta en este ordenador. Nada de lo que escribes sale de él. Descarga un modelo recomendado o importa uno que ya tengas.</translation>
    </message>
    <message>
        <source>Browse recommended models</source>
        <translation>Ver modelos recomendados</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>Importar un archivo GGUF…</translation>
    </message>
</context>
<context>
    <name>FitText</name>
    <message>
        <source>Fits</source>
        <translation>Cabe</translation>
    </message>
    <message>
        <source>Fits with shorter context (%1)</source>
        <translation>Cabe con un contexto más corto (%1)</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Demasiado grande</translation>
    </message>
</context>
<context>
    <name>HubBrowser</name>
    <message>
        <source>Paste a Hugging Face link or OWNER/REPO</source>
        <translation>Pega un enlace de Hugging Face o PROPIETARIO/REPO</translation>
    </message>
    <message>
        <source>Hugging Face link or repository</source>
        <translation>Enlace o repositorio de Hugging Face</translation>
    </message>
    <message>
        <source>For example Qwen/Qwen3-0.6B-GGUF or a link to one of its files</source>
        <translation>Por ejemplo Qwen/Qwen3-0.6B-GGUF o un enlace a uno de sus archivos</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Look up the repository on Hugging Face</source>
        <translation>Buscar el repositorio en Hugging Face</translation>
    </message>
    <message>
        <source>Looking up</source>
        <translation>Buscando</translation>
    </message>
    <message>
        <source>%1 at %2 · GGUF models: %3</source>
        <translation>%1 en %2 · modelos GGUF: %3</translation>
    </message>
    <message>
        <source>Any GGUF model on Hugging Face can be downloaded from here. Vela checks each file against its SHA-256 and records the repository and commit it came from.</source>
        <translation>Desde aquí se puede descargar cualquier modelo GGUF de Hugging Face. Vela comprueba cada archivo con su SHA-256 y anota el repositorio y el commit de los que procede.</translation>
    </message>
    <message>
        <source>In the library</source>
        <translation>En la biblioteca</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Descargar %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Pause downloading %1</source>
        <translation>Pausar la descarga de %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Resume downloading %1</source>
        <translation>Reanudar la descarga de %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel downloading %1</source>
        <translation>Cancelar la descarga de %1</translation>
    </message>
    <message>
        <source>Download progress of %1</source>
        <translation>Progreso de la descarga de %1</translation>
    </message>
</context>
<context>
    <name>HubError</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is private, gated or does not exist on Hugging Face (401): it needs a Hugging Face login, which Vela does not do. Check the name, or pick a public model.</source>
        <translation>&apos;%1&apos; es privado, restringido o no existe en Hugging Face (401): necesita iniciar sesión en Hugging Face, y Vela no lo hace. Revisa el nombre o elige un modelo público.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is gated on Hugging Face (403): access must be requested on the model&apos;s page, and Vela cannot download it.</source>
        <translation>&apos;%1&apos; tiene acceso restringido en Hugging Face (403): hay que solicitar acceso en la página del modelo, y Vela no puede descargarlo.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was not found on Hugging Face (%2): check the name and the revision; a file may have been removed from the repo.</source>
        <translation>No se encontró &apos;%1&apos; en Hugging Face (%2): revisa el nombre y la revisión; puede que se haya eliminado un archivo del repositorio.</translation>
    </message>
    <message>
        <source>Hugging Face is limiting requests (429): try again in %1.</source>
        <translation>Hugging Face está limitando las solicitudes (429): vuelve a intentarlo dentro de %1.</translation>
    </message>
    <message>
        <source>Hugging Face is limiting requests (429): try again in a few minutes.</source>
        <translation>Hugging Face está limitando las solicitudes (429): vuelve a intentarlo dentro de unos minutos.</translation>
    </message>
    <message>
        <source>Hugging Face had a server error (%1) for &apos;%2&apos;: try again later.</source>
        <translation>Hugging Face tuvo un error del servidor (%1) con &apos;%2&apos;: vuelve a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>Hugging Face answered %1 for &apos;%2&apos;, which Vela does not understand.</source>
        <translation>Hugging Face respondió %1 para &apos;%2&apos;, y Vela no entiende esa respuesta.</translation>
    </message>
    <message>
        <source>Could not reach Hugging Face for &apos;%1&apos;: %2</source>
        <translation>No se pudo conectar con Hugging Face para &apos;%1&apos;: %2</translation>
    </message>
</context>
<context>
    <name>HubLink</name>
    <message>
        <source>&apos;%1&apos; is a dataset or a Space, not a model: paste a model&apos;s link</source>
        <translation>&apos;%1&apos; es un conjunto de datos o un Space, no un modelo: pega el enlace de un modelo</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not name a Hugging Face model: expected OWNER/REPO or a link to one</source>
        <translation>&apos;%1&apos; no nombra un modelo de Hugging Face: se esperaba PROPIETARIO/REPO o un enlace a uno</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an empty, &apos;.&apos; or &apos;..&apos; part</source>
        <translation>&apos;%1&apos; tiene una parte vacía, &apos;.&apos; o &apos;..&apos;</translation>
    </message>
    <message>
        <source>&apos;%1/%2&apos; is not a valid Hugging Face repo name</source>
        <translation>&apos;%1/%2&apos; no es un nombre de repositorio de Hugging Face válido</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a link to a model or its files</source>
        <translation>&apos;%1&apos; no es un enlace a un modelo ni a sus archivos</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names no revision or file</source>
        <translation>&apos;%1&apos; no indica ninguna revisión ni archivo</translation>
    </message>
    <message>
        <source>paste a Hugging Face link or OWNER/REPO</source>
        <translation>pega un enlace de Hugging Face o PROPIETARIO/REPO</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid link</source>
        <translation>&apos;%1&apos; no es un enlace válido</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not on Hugging Face (%2): Vela only downloads from the Hub</source>
        <translation>&apos;%1&apos; no está en Hugging Face (%2): Vela solo descarga desde el Hub</translation>
    </message>
</context>
<context>
    <name>HubListing</name>
    <message>
        <source>&apos;%1&apos; is split into %2 files, and Vela cannot load split GGUF files yet: pick a quantization that is a single file.</source>
        <translation>&apos;%1&apos; está dividido en %2 archivos, y Vela aún no puede cargar archivos GGUF divididos: elige una cuantización que sea un solo archivo.</translation>
    </message>
    <message>
        <source>Hugging Face gives no SHA-256 for &apos;%1&apos;, so Vela cannot verify it.</source>
        <translation>Hugging Face no da ningún SHA-256 para &apos;%1&apos;, así que Vela no puede verificarlo.</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Open this link?</source>
        <translation>¿Abrir este enlace?</translation>
    </message>
    <message>
        <source>It opens outside Vela, in your browser or mail program:</source>
        <translation>Se abre fuera de Vela, en tu navegador o tu programa de correo:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>New chat</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation>Ajustes de la conversación</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recargar</translation>
    </message>
    <message>
        <source>Use the CPU</source>
        <translation>Usar la CPU</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Elegir un modelo…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Restore latest backup</source>
        <translation>Restaurar la última copia de seguridad</translation>
    </message>
    <message>
        <source>What can I help you with?</source>
        <translation>¿En qué te puedo ayudar?</translation>
    </message>
    <message>
        <source>Everything stays on this computer.</source>
        <translation>Todo se queda en este ordenador.</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>Cargar modelo…</translation>
    </message>
    <message>
        <source>Load a model</source>
        <translation>Cargar un modelo</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modelo predeterminado</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Markdown with reasoning (*.md)</source>
        <translation>Markdown con razonamiento (*.md)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>Importar conversaciones</translation>
    </message>
    <message>
        <source>Vela JSON export (*.json)</source>
        <translation>Exportación JSON de Vela (*.json)</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Elige un modelo</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>Buscar en todas las conversaciones</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Escribir un mensaje</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>Detener la respuesta</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Conversación siguiente</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversación anterior</translation>
    </message>
    <message>
        <source>Copy the last reply</source>
        <translation>Copiar la última respuesta</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Regenerar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 characters. Copy takes the whole message.</source>
        <translation>Se muestran los primeros %1 de %2 caracteres. Copiar copia el mensaje entero.</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Editar el mensaje</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Fit for: %1</source>
        <translation>Cabe en: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Recomendados</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Carpeta: %1</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Cancelar la importación</translation>
    </message>
    <message>
        <source>Import a GGUF file…</source>
        <translation>Importar un archivo GGUF…</translation>
    </message>
    <message>
        <source>No models yet. Import a GGUF file or download a recommended model.</source>
        <translation>Aún no hay modelos. Importa un archivo GGUF o descarga un modelo recomendado.</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Cargado</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Cargar</translation>
    </message>
    <message>
        <source>Set as default</source>
        <translation>Usar como predeterminado</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>context %1</source>
        <translation>contexto %1</translation>
    </message>
    <message>
        <source>template: %1</source>
        <translation>plantilla: %1</translation>
    </message>
    <message>
        <source>Cannot be loaded: %1</source>
        <translation>No se puede cargar: %1</translation>
    </message>
    <message>
        <source>In the library</source>
        <translation>En la biblioteca</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Delete the model?</source>
        <translation>¿Eliminar el modelo?</translation>
    </message>
    <message>
        <source>Import a GGUF file</source>
        <translation>Importar un archivo GGUF</translation>
    </message>
    <message>
        <source>Copy the file into the library</source>
        <translation>Copiar el archivo a la biblioteca</translation>
    </message>
    <message>
        <source>Link to the file where it is (no copy)</source>
        <translation>Enlazar el archivo donde está (sin copiar)</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <source>The Hugging Face repository and commit this model was downloaded from</source>
        <translation>El repositorio de Hugging Face y el commit de los que se descargó este modelo</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Descargar %1</translation>
    </message>
    <message>
        <source>Pinned to %1</source>
        <translation>Fijado al commit %1</translation>
    </message>
    <message>
        <source>Downloaded from this commit of the Hugging Face repository and checked against its size and SHA-256</source>
        <translation>Se descarga de este commit del repositorio de Hugging Face y se comprueban su tamaño y su SHA-256</translation>
    </message>
    <message>
        <source>From Hugging Face</source>
        <translation>De Hugging Face</translation>
    </message>
    <message>
        <source>Resolved to %1 on the Hugging Face Hub</source>
        <translation>Resuelto a %1 en el Hugging Face Hub</translation>
    </message>
    <message>
        <source>Looked up on the Hugging Face Hub when downloaded</source>
        <translation>Se consulta en el Hugging Face Hub al descargarlo</translation>
    </message>
    <message>
        <source>The commit, size and SHA-256 of this file are taken from the Hugging Face Hub when the download starts, and must agree with what the catalog names</source>
        <translation>El commit, el tamaño y el SHA-256 de este archivo se toman del Hugging Face Hub al empezar la descarga, y deben coincidir con lo que indica el catálogo</translation>
    </message>
</context>
<context>
    <name>ReasoningPane</name>
    <message>
        <source>Thinking…</source>
        <translation>Pensando…</translation>
    </message>
    <message numerus="yes">
        <source>Thought for %n s</source>
        <translation>
            <numerusform>Pensó durante %n s</numerusform>
            <numerusform>Pensó durante %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Thoughts</source>
        <translation>Razonamiento</translation>
    </message>
    <message numerus="yes">
        <source>Thinking… %n s</source>
        <translation>
            <numerusform>Pensando… %n s</numerusform>
            <numerusform>Pensando… %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>expanded</source>
        <translation>desplegado</translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation>plegado</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Tamaño de letra</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Modelo predeterminado</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>Solo CPU</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Razonamiento</translation>
    </message>
    <message>
        <source>Show finished reasoning collapsed</source>
        <translation>Mostrar el razonamiento terminado contraído</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Export all…</source>
        <translation>Exportar todo…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>Modelos…</translation>
    </message>
    <message>
        <source>About Vela</source>
        <translation>Acerca de Vela</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>Black and white colors with strong outlines</source>
        <translation>Colores en blanco y negro con contornos marcados</translation>
    </message>
    <message>
        <source>Spell checking</source>
        <translation>Corrección ortográfica</translation>
    </message>
    <message>
        <source>No dictionary is installed for this language</source>
        <translation>No hay ningún diccionario instalado para este idioma</translation>
    </message>
    <message>
        <source>Underline misspelled words in the message you write</source>
        <translation>Subrayar las palabras mal escritas en el mensaje que escribes</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>Nueva conversación</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>Buscar en todas las conversaciones</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Fijadas</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Desfijar</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Fijar</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>Aún no hay conversaciones</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Sin resultados</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>Se eliminó «%1»</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Anteriores</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>%1, pinned</source>
        <translation>%1, fijada</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>Nuevo título</translation>
    </message>
    <message>
        <source>Actions for “%1”</source>
        <translation>Acciones de «%1»</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Loading model…</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>Cargar modelo…</translation>
    </message>
    <message>
        <source>Models…</source>
        <translation>Modelos…</translation>
    </message>
    <message>
        <source>Loading model</source>
        <translation>Cargando el modelo</translation>
    </message>
</context>
<context>
    <name>vela::app::CatalogModel</name>
    <message>
        <source>about %1</source>
        <translation>unos %1</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Modelo base</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>No se puede descargar %1: %2</translation>
    </message>
</context>
<context>
    <name>vela::app::ChatController</name>
    <message>
        <source>Load a model to start chatting.</source>
        <translation>Carga un modelo para empezar a conversar.</translation>
    </message>
    <message>
        <source>The model is loading…</source>
        <translation>El modelo se está cargando…</translation>
    </message>
</context>
<context>
    <name>vela::app::ChatSettings</name>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>Penalización por repetición</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>Penalización por presencia</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>Penalización por frecuencia</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Máximo de tokens</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Longitud de contexto</translation>
    </message>
    <message>
        <source>%1 %2 is outside %3</source>
        <translation>%1 %2 está fuera de %3</translation>
    </message>
    <message>
        <source>%1 %2 is not a whole number</source>
        <translation>%1 %2 no es un número entero</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1: «%2» no es un número</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modelo</translation>
    </message>
</context>
<context>
    <name>vela::app::ConversationArchive</name>
    <message>
        <source>The conversation database was damaged. It was kept aside at %1 and a new one was started. You can restore the latest backup.</source>
        <translation>La base de datos de conversaciones estaba dañada. Se guardó aparte en %1 y se empezó una nueva. Puedes restaurar la última copia de seguridad.</translation>
    </message>
    <message>
        <source>The conversation database was damaged. It was kept aside at %1 and a new one was started.</source>
        <translation>La base de datos de conversaciones estaba dañada. Se guardó aparte en %1 y se empezó una nueva.</translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted reply(s) were kept and marked as stopped.</source>
        <translation>
            <numerusform>%n respuesta interrumpida se conservó y se marcó como detenida.</numerusform>
            <numerusform>%n respuestas interrumpidas se conservaron y se marcaron como detenidas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The latest backup was restored.</source>
        <translation>Se restauró la última copia de seguridad.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exportado a %1.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>No se pudo leer %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n conversation(s).</source>
        <translation>
            <numerusform>Se importó %n conversación.</numerusform>
            <numerusform>Se importaron %n conversaciones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vela::app::DownloadProgress</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>queda %n segundo</numerusform>
            <numerusform>quedan %n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>queda %n minuto</numerusform>
            <numerusform>quedan %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused — %1 % downloaded</source>
        <translation>En pausa — %1 % descargado</translation>
    </message>
    <message>
        <source>Paused — %1 downloaded</source>
        <translation>En pausa — %1 descargados</translation>
    </message>
    <message>
        <source>Looking it up on the Hugging Face Hub…</source>
        <translation>Consultándolo en el Hugging Face Hub…</translation>
    </message>
</context>
<context>
    <name>vela::app::DraftTokenCounter</name>
    <message>
        <source>≈ %1 tokens</source>
        <translation>≈ %1 tokens</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
</context>
<context>
    <name>vela::app::Engine</name>
    <message>
        <source>Loading was cancelled.</source>
        <translation>Se canceló la carga.</translation>
    </message>
    <message>
        <source>Out of memory.</source>
        <translation>No queda memoria.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>Error desconocido.</translation>
    </message>
</context>
<context>
    <name>vela::app::EngineController</name>
    <message>
        <source>The engine has been shut down.</source>
        <translation>El motor se ha detenido.</translation>
    </message>
</context>
<context>
    <name>vela::app::HubBrowserModel</name>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>The Hugging Face endpoint is not usable: %1</source>
        <translation>No se puede usar el servidor de Hugging Face: %1</translation>
    </message>
    <message>
        <source>%1 at %2 holds no GGUF model.</source>
        <translation>%1 en %2 no contiene ningún modelo GGUF.</translation>
    </message>
</context>
<context>
    <name>vela::app::InferenceWorker</name>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>No hay ningún modelo cargado.</translation>
    </message>
    <message>
        <source>The message is too long for this model: it needs %1 tokens, and %2 of the context&apos;s %3 are free for it. Shorten it, or raise the context length in the conversation settings.</source>
        <translation>El mensaje es demasiado largo para este modelo: necesita %1 tokens, y de los %3 del contexto tiene %2 libres. Acórtalo o aumenta la longitud de contexto en los ajustes de la conversación.</translation>
    </message>
</context>
<context>
    <name>vela::app::MessageListModel</name>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in prompt</source>
        <translation>%1 en el prompt</translation>
    </message>
    <message>
        <source>Reading the conversation: %1 / %2 tokens</source>
        <translation>Leyendo la conversación: %1 / %2 tokens</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>Vela</source>
        <translation>Vela</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Herramienta</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message numerus="yes">
        <source>thought for %n s</source>
        <translation>
            <numerusform>pensó %n s</numerusform>
            <numerusform>pensó %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Pensando</translation>
    </message>
    <message>
        <source>Writing a reply</source>
        <translation>Escribiendo una respuesta</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
</context>
<context>
    <name>vela::app::ModelLibraryModel</name>
    <message>
        <source>base model: completion only</source>
        <translation>modelo base: solo completado</translation>
    </message>
    <message>
        <source>Estimated %1</source>
        <translation>Estimado %1</translation>
    </message>
    <message>
        <source>Measured %1</source>
        <translation>Medido %1</translation>
    </message>
    <message>
        <source>%1 (%2 available)</source>
        <translation>%1 (%2 disponibles)</translation>
    </message>
    <message>
        <source>“%1” is outside the library (%2): only the entry is removed, the file stays where it is.</source>
        <translation>«%1» está fuera de la biblioteca (%2): solo se quita la entrada, el archivo se queda donde está.</translation>
    </message>
    <message>
        <source>The file “%1” will be deleted from the library folder.</source>
        <translation>El archivo «%1» se eliminará de la carpeta de la biblioteca.</translation>
    </message>
    <message>
        <source>Removed “%1” from the library; the file was kept.</source>
        <translation>Se quitó «%1» de la biblioteca; el archivo se conservó.</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>Se eliminó «%1».</translation>
    </message>
    <message>
        <source>Imported “%1”.</source>
        <translation>Se importó «%1».</translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>Se canceló la importación.</translation>
    </message>
    <message>
        <source>Could not import the model: %1</source>
        <translation>No se pudo importar el modelo: %1</translation>
    </message>
    <message>
        <source>From %1 at %2</source>
        <translation>De %1 en el commit %2</translation>
    </message>
</context>
<context>
    <name>vela::app::ModelLoader</name>
    <message>
        <source>Uploading the weights</source>
        <translation>Subiendo los pesos</translation>
    </message>
    <message>
        <source>Opening the model</source>
        <translation>Abriendo el modelo</translation>
    </message>
    <message>
        <source>Reading the vocabulary</source>
        <translation>Leyendo el vocabulario</translation>
    </message>
    <message>
        <source>Loading the weights</source>
        <translation>Cargando los pesos</translation>
    </message>
    <message>
        <source>Allocating the context</source>
        <translation>Reservando el contexto</translation>
    </message>
</context>
<context>
    <name>vela::app::ModelStatus</name>
    <message>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <source>VRAM %1</source>
        <translation>VRAM %1</translation>
    </message>
    <message>
        <source>Context %1 / %2</source>
        <translation>Contexto %1 / %2</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <source>Choose another model file (a Qwen3 GGUF).</source>
        <translation>Elige otro archivo de modelo (un GGUF de Qwen3).</translation>
    </message>
    <message>
        <source>No usable GPU was found. Run the model on the CPU instead.</source>
        <translation>No se encontró una GPU utilizable. Ejecuta el modelo en la CPU.</translation>
    </message>
    <message>
        <source>The GPU ran out of memory. Try a smaller model or context, or run on the CPU.</source>
        <translation>La GPU se quedó sin memoria. Prueba un modelo o un contexto más pequeño, o usa la CPU.</translation>
    </message>
    <message>
        <source>Try loading the model again.</source>
        <translation>Intenta cargar el modelo de nuevo.</translation>
    </message>
    <message>
        <source>The GPU stopped responding. Reload the model to continue, run it on the CPU, or choose another GPU in Settings.</source>
        <translation>La GPU dejó de responder. Recarga el modelo para continuar, ejecútalo en la CPU o elige otra GPU en Ajustes.</translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n threads)</source>
        <translation>
            <numerusform>CPU (%n hilo)</numerusform>
            <numerusform>CPU (%n hilos)</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
</context>
<context>
    <name>vela::app::StreamingReply</name>
    <message>
        <source>The reply failed: %1</source>
        <translation>La respuesta falló: %1</translation>
    </message>
</context>
<context>
    <name>vela::library::CatalogResolution</name>
    <message>
        <source>%1 has no file %2 at commit %3.</source>
        <translation>%1 no tiene el archivo %2 en el commit %3.</translation>
    </message>
    <message>
        <source>The Hub lists no SHA-256 for %1, so it cannot be verified.</source>
        <translation>El Hub no indica el SHA-256 de %1, así que no se puede verificar.</translation>
    </message>
    <message>
        <source>%1 at commit %2 is not the file Vela&apos;s catalog names (its SHA-256 differs); it was not downloaded.</source>
        <translation>%1 en el commit %2 no es el archivo que indica el catálogo de Vela (su SHA-256 es distinto); no se descargó.</translation>
    </message>
    <message>
        <source>%1 at commit %2 is not the file Vela&apos;s catalog names (its size differs); it was not downloaded.</source>
        <translation>%1 en el commit %2 no es el archivo que indica el catálogo de Vela (su tamaño es distinto); no se descargó.</translation>
    </message>
</context>
<context>
    <name>vela::library::HeaderProbe</name>
    <message>
        <source>Refusing %1: only https is used.</source>
        <translation>Se rechaza %1: solo se usa https.</translation>
    </message>
    <message>
        <source>The server lists no size for %1.</source>
        <translation>El servidor no indica el tamaño de %1.</translation>
    </message>
    <message>
        <source>Refusing a redirect to %1: only https is followed.</source>
        <translation>Se rechaza una redirección a %1: solo se siguen las de https.</translation>
    </message>
    <message>
        <source>The server answered %1 for %2.</source>
        <translation>El servidor respondió %1 para %2.</translation>
    </message>
    <message>
        <source>The server sent another part of %1 than was asked for.</source>
        <translation>El servidor envió otra parte de %1 distinta de la pedida.</translation>
    </message>
    <message>
        <source>Could not read the header of %1: %2</source>
        <translation>No se pudo leer la cabecera de %1: %2</translation>
    </message>
    <message>
        <source>The header of %1 is larger than %2 MB; Vela does not read it.</source>
        <translation>La cabecera de %1 ocupa más de %2 MB; Vela no la lee.</translation>
    </message>
    <message>
        <source>The server sent only %1 bytes of %2.</source>
        <translation>El servidor solo envió %1 bytes de %2.</translation>
    </message>
    <message>
        <source>Not enough memory to read the header of %1.</source>
        <translation>No hay memoria suficiente para leer la cabecera de %1.</translation>
    </message>
    <message>
        <source>%1 is not a model Vela can load: %2</source>
        <translation>%1 no es un modelo que Vela pueda cargar: %2</translation>
    </message>
</context>
<context>
    <name>vela::library::HubClient</name>
    <message>
        <source>Hugging Face sent an answer Vela cannot read for &apos;%1&apos; (%2).</source>
        <translation>Hugging Face envió una respuesta que Vela no puede leer para &apos;%1&apos; (%2).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid Hugging Face repo name (OWNER/NAME).</source>
        <translation>&apos;%1&apos; no es un nombre de repositorio de Hugging Face válido (PROPIETARIO/NOMBRE).</translation>
    </message>
    <message>
        <source>Refusing the Hub endpoint &apos;%1&apos;: only https is used (plain http only to this computer).</source>
        <translation>Se rechaza el servidor del Hub &apos;%1&apos;: solo se usa https (http sin cifrar solo hacia este equipo).</translation>
    </message>
    <message>
        <source>Refusing a redirect to &apos;%1&apos;: only https is followed.</source>
        <translation>Se rechaza una redirección a &apos;%1&apos;: solo se siguen las de https.</translation>
    </message>
    <message>
        <source>the revision is not a JSON object</source>
        <translation>la revisión no es un objeto JSON</translation>
    </message>
    <message>
        <source>no commit id in the revision</source>
        <translation>la revisión no trae ningún identificador de commit</translation>
    </message>
    <message>
        <source>the file list is not a JSON array</source>
        <translation>la lista de archivos no es un array JSON</translation>
    </message>
    <message>
        <source>a file entry without a type, path or size</source>
        <translation>una entrada de archivo sin tipo, ruta o tamaño</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no valid SHA-256 or size</source>
        <translation>&apos;%1&apos; no tiene un SHA-256 o un tamaño válidos</translation>
    </message>
    <message>
        <source>the file list&apos;s next page is elsewhere or never ends</source>
        <translation>la página siguiente de la lista de archivos está en otro sitio o no se acaba nunca</translation>
    </message>
</context>
</TS>
