<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="50"/>
        <location filename="../../citizenship_app/ui/window.py" line="88"/>
        <location filename="../../citizenship_app/ui/window.py" line="497"/>
        <location filename="../../citizenship_app/ui/window.py" line="498"/>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="54"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="388"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="60"/>
        <source>Administration sections</source>
        <translation>Secciones de administración</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="62"/>
        <source>Roster</source>
        <translation>Lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="63"/>
        <source>District sync</source>
        <translation>Sincronización con el distrito</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="64"/>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="65"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="66"/>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="89"/>
        <source>Import a OneRoster 1.1 (or 1.2) CSV export: a folder or a .zip. Check it first; nothing is imported while there is any error.</source>
        <translation>Importe una exportación CSV de OneRoster 1.1 (o 1.2): una carpeta o un archivo .zip. Revísela primero; no se importa nada mientras haya algún error.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="100"/>
        <source>Roster folder or zip file</source>
        <translation>Carpeta o archivo zip de la lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="118"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="62"/>
        <source>Check</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="120"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="132"/>
        <source>Problems found in the roster</source>
        <translation>Problemas encontrados en la lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="158"/>
        <source>Checking…</source>
        <translation>Revisando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="166"/>
        <source>The check failed: {error}</source>
        <translation>No se pudo completar la revisión: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="172"/>
        <source>Problems found: {n}. Fix them in the export, then check again.</source>
        <translation>Problemas encontrados: {n}. Corríjalos en la exportación y luego revise de nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="179"/>
        <source>Ready to import: </source>
        <translation>Listo para importar: </translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="228"/>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="222"/>
        <location filename="../../citizenship_app/ui/admin.py" line="237"/>
        <location filename="../../citizenship_app/ui/admin.py" line="243"/>
        <location filename="../../citizenship_app/ui/admin.py" line="249"/>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="103"/>
        <source>Look on USB drives</source>
        <translation>Buscar en memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="110"/>
        <source>Roster exports found on USB drives</source>
        <translation>Exportaciones de la lista de clases encontradas en memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="149"/>
        <source>No roster export found on a USB drive. Plug one in, or type the folder&apos;s path.</source>
        <translation>No se encontró ninguna exportación de la lista de clases en una memoria USB. Conecte una o escriba la ruta de la carpeta.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="252"/>
        <source>Imported: </source>
        <translation>Importados: </translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="278"/>
        <source>Hub xAPI address</source>
        <translation>Dirección xAPI del servidor central</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="279"/>
        <source>Device username</source>
        <translation>Nombre de usuario del dispositivo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="280"/>
        <source>Device password</source>
        <translation>Contraseña del dispositivo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="287"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="501"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="289"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="304"/>
        <source>Records the hub refused (never retried on their own):</source>
        <translation>Registros que el servidor central rechazó (nunca se vuelven a enviar solos):</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="308"/>
        <source>Records the hub refused</source>
        <translation>Registros que el servidor central rechazó</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="312"/>
        <source>Send the selected record again</source>
        <translation>Enviar de nuevo el registro seleccionado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="324"/>
        <source>{waiting} waiting, {sent} sent, {refused} refused; last sync: {when}</source>
        <translation>{waiting} por enviar, {sent} enviados, {refused} rechazados; última sincronización: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="335"/>
        <source>Last problem: {error}</source>
        <translation>Último problema: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="338"/>
        <source>Roster refresh failed: {error}</source>
        <translation>No se pudo actualizar la lista de alumnos: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="362"/>
        <source>Saved. This machine has no keyring: set CITIZENSHIP_HUB_PASSWORD for the kiosk.</source>
        <translation>Guardado. Este equipo no tiene un almacén seguro de contraseñas (keyring): configure CITIZENSHIP_HUB_PASSWORD para el quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="366"/>
        <location filename="../../citizenship_app/ui/admin.py" line="640"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="380"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="389"/>
        <source>Sync failed: {error}</source>
        <translation>La sincronización falló: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="391"/>
        <source>This round: {sent} sent, {pulled} received.</source>
        <translation>Esta ronda: {sent} enviados, {pulled} recibidos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="417"/>
        <source>Minutes without input before sign-out</source>
        <translation>Minutos sin actividad antes de cerrar la sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="422"/>
        <source>Seconds of countdown</source>
        <translation>Segundos de cuenta regresiva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="426"/>
        <source>New staff exit code</source>
        <translation>Nuevo código de salida del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="429"/>
        <source>Sign students out after (minutes without input)</source>
        <translation>Cerrar la sesión de los estudiantes después de (minutos sin actividad)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="431"/>
        <source>Countdown before sign-out (seconds)</source>
        <translation>Cuenta regresiva antes de cerrar la sesión (segundos)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="432"/>
        <source>New exit code (leave empty to keep)</source>
        <translation>Nuevo código de salida (déjelo vacío para conservar el actual)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="434"/>
        <source>Save kiosk settings</source>
        <translation>Guardar la configuración del quiosco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="446"/>
        <source>The settings greyed out are set by the district, at its hub.</source>
        <translation>Los ajustes en gris los fija el distrito, desde su servidor central.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="459"/>
        <source>Exports (records, reports, certificates, cards)</source>
        <translation>Exportaciones (registros, informes, certificados, tarjetas)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="466"/>
        <source>USB drives</source>
        <translation>Memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="470"/>
        <source>Look for USB drives</source>
        <translation>Buscar memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="473"/>
        <source>Save exports to the selected drive</source>
        <translation>Guardar las exportaciones en la memoria seleccionada</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="477"/>
        <source>Save exports to the export folder</source>
        <translation>Guardar las exportaciones en la carpeta de exportación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="496"/>
        <source>Exports are saved to {folder}</source>
        <translation>Las exportaciones se guardan en {folder}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="502"/>
        <source>No USB drive is plugged in.</source>
        <translation>No hay ninguna memoria USB conectada.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="510"/>
        <source>Pick a drive in the list first.</source>
        <translation>Primero elija una memoria de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="538"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="485"/>
        <source>Set by the district</source>
        <translation>Fijado por el distrito</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="578"/>
        <source>Saved. The new idle time applies from the next sign-in.</source>
        <translation>Guardado. El nuevo tiempo de inactividad se aplicará a partir del próximo inicio de sesión.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="588"/>
        <source>Give a staff member a one-time code to set their first (or a forgotten) password, or mark them as a counselor.</source>
        <translation>Dé a un miembro del personal un código de un solo uso para crear su primera contraseña (o reemplazar una olvidada), o márquelo como consejero/a escolar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="599"/>
        <source>Staff username</source>
        <translation>Nombre de usuario del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="601"/>
        <location filename="../../citizenship_app/ui/signin.py" line="149"/>
        <location filename="../../citizenship_app/ui/signin.py" line="157"/>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="604"/>
        <source>Issue one-time code</source>
        <translation>Generar código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="606"/>
        <source>Mark as counselor</source>
        <translation>Marcar como consejero/a escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="608"/>
        <source>Not a counselor</source>
        <translation>Quitar de consejero/a escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="627"/>
        <location filename="../../citizenship_app/ui/admin.py" line="638"/>
        <source>No staff member with that username on this kiosk.</source>
        <translation>No hay ningún miembro del personal con ese nombre de usuario en este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="630"/>
        <source>One-time code: {code}</source>
        <translation>Código de un solo uso: {code}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="648"/>
        <source>Who viewed or exported student records, newest first.</source>
        <translation>Quién vio o exportó registros de estudiantes, los más recientes primero.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="652"/>
        <source>Audit log entries</source>
        <translation>Entradas del registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="657"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="660"/>
        <source>Refresh the audit log</source>
        <translation>Actualizar el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="700"/>
        <location filename="../../citizenship_app/ui/messages.py" line="50"/>
        <source>Only an administrator may read the audit log.</source>
        <translation>Solo un administrador puede leer el registro de auditoría.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="706"/>
        <source>Entries shown: {n}</source>
        <translation>Entradas mostradas: {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="708"/>
        <source>No entries yet.</source>
        <translation>Todavía no hay entradas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="32"/>
        <source>Lesson page</source>
        <translation>Página de la lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="66"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="52"/>
        <source>My lessons</source>
        <translation>Mis lecciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="68"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="223"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="54"/>
        <source>Read to me</source>
        <translation>Léeme</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="80"/>
        <source>Lesson progress</source>
        <translation>Progreso de la lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="86"/>
        <location filename="../../citizenship_app/ui/signin.py" line="175"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="89"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="98"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="131"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="98"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="133"/>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="102"/>
        <source>Show the answer</source>
        <translation>Mostrar la respuesta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="144"/>
        <source>Stop and think</source>
        <translation>Para y piensa</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="145"/>
        <source>Think about it. Then press “Show the answer”.</source>
        <translation>Piénsalo. Después pulsa “Mostrar la respuesta”.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="146"/>
        <source>The answer</source>
        <translation>La respuesta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="174"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="191"/>
        <source>Stop reading</source>
        <translation>Dejar de leer</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="21"/>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="22"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="23"/>
        <source>Try again</source>
        <translation>Intentar otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="24"/>
        <source>Review</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="31"/>
        <source>Passed ({score}%)</source>
        <translation>Aprobaste ({score}%)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="33"/>
        <source>Try again (best {score}%)</source>
        <translation>Intenta otra vez (mejor puntaje: {score}%)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="36"/>
        <source>Quiz started</source>
        <translation>Empezaste la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="37"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="128"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="52"/>
        <source>Page {n} of {m}</source>
        <translation>Página {n} de {m}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="38"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="34"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="54"/>
        <source>Not started</source>
        <translation>Sin empezar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="62"/>
        <location filename="../../citizenship_app/ui/home.py" line="122"/>
        <source>Pick a lesson. Read it, then take the quiz.</source>
        <translation>Elige una lección. Léela y luego haz la prueba.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="106"/>
        <source>Hi, {name}! Here are your lessons.</source>
        <translation>¡Hola, {name}! Aquí están tus lecciones.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="124"/>
        <source>There are no lessons for you on this computer yet. Ask your teacher.</source>
        <translation>Todavía no hay lecciones para ti en esta computadora. Pregúntale a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="139"/>
        <source>Your teacher picked this</source>
        <translation>Tu maestro o maestra eligió esta lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="144"/>
        <source>Overdue: was due {when}</source>
        <translation>Atrasada: la fecha de entrega era {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="145"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="152"/>
        <source>Due {when}</source>
        <translation>Fecha de entrega: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="171"/>
        <source>First finish: {title}</source>
        <translation>Primero termina: {title}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="177"/>
        <source>About {n} min</source>
        <translation>Unos {n} min</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="178"/>
        <source>Later</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="131"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="133"/>
        <source>Take the quiz</source>
        <translation>Hacer la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="39"/>
        <source>✓ {text} (your answer: right)</source>
        <translation>✓ {text} (tu respuesta: correcta)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="41"/>
        <source>✓ {text} (the right answer)</source>
        <translation>✓ {text} (la respuesta correcta)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="43"/>
        <source>✗ {text} (your answer: not right)</source>
        <translation>✗ {text} (tu respuesta: no es correcta)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="199"/>
        <source>Choose every answer that is right.</source>
        <translation>Elige todas las respuestas correctas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="238"/>
        <source>Yes, that is right</source>
        <translation>Sí, es correcto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="240"/>
        <source>No, that is not right</source>
        <translation>No, no es correcto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="296"/>
        <source>Put these in order. The first step goes at the top. Keyboard: pick a step, then Ctrl+Up or Ctrl+Down.</source>
        <translation>Ponlos en orden. El primer paso va arriba. Con el teclado: elige un paso y luego presiona Ctrl+Flecha arriba o Ctrl+Flecha abajo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="307"/>
        <source>Steps to put in order</source>
        <translation>Pasos para poner en orden</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="322"/>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="323"/>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="378"/>
        <source>✗ {text} (goes at step {n})</source>
        <translation>✗ {text} (va en el paso {n})</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="384"/>
        <source>✓ {text} (in the right place)</source>
        <translation>✓ {text} (en el lugar correcto)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="424"/>
        <source>Match for: {item}</source>
        <translation>Pareja para: {item}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="425"/>
        <source>Choose…</source>
        <translation>Elige…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="64"/>
        <source>Quiz progress</source>
        <translation>Progreso de la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="103"/>
        <source>Check my answer</source>
        <translation>Revisar mi respuesta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="105"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="313"/>
        <source>Next question</source>
        <translation>Siguiente pregunta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="113"/>
        <source>Quiz: {title}</source>
        <translation>Prueba: {title}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="136"/>
        <source>Question {n} of {m}</source>
        <translation>Pregunta {n} de {m}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="142"/>
        <source>Story</source>
        <translation>Historia</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="145"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="58"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="300"/>
        <source>That&apos;s right!</source>
        <extracomment>The question&apos;s picture: the least and the most pixels a side. Between them it takes 30% of the question&apos;s view, so on a short screen with the largest text the picture, the question and its answers are all in sight without scrolling. The narrowest the feedback may be beside the answer (at the normal text size).</extracomment>
        <translation>¡Correcto!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="300"/>
        <source>Not quite.</source>
        <translation>Casi, pero no.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="313"/>
        <source>See my score</source>
        <translation>Ver mi puntaje</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="328"/>
        <source>The right order:</source>
        <translation>El orden correcto:</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="331"/>
        <source>The right matches:</source>
        <translation>Las parejas correctas:</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="334"/>
        <source>The right answer: {answer}</source>
        <translation>La respuesta correcta: {answer}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="340"/>
        <source>“{about}” — {feedback}</source>
        <translation>“{about}” — {feedback}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="376"/>
        <source>A smiling gold star with confetti</source>
        <translation>Una estrella dorada sonriente con confeti</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="407"/>
        <source>Try the quiz again</source>
        <translation>Intentar la prueba otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="409"/>
        <source>Read the lesson again</source>
        <translation>Leer la lección otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="411"/>
        <source>Back to my lessons</source>
        <translation>Volver a mis lecciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="424"/>
        <source>You got {right} of {total} right. You need {mark}% to pass.</source>
        <translation>Tuviste {right} de {total} correctas. Necesitas {mark}% para aprobar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="435"/>
        <source>You passed {title}!</source>
        <translation>¡Aprobaste la prueba de {title}!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="437"/>
        <source>Great job! You know how to stay safe and kind online.</source>
        <translation>¡Muy bien! Sabes cómo estar seguro y ser amable en internet.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="439"/>
        <source>Great job! Look below at the questions you missed.</source>
        <translation>¡Muy bien! Mira abajo las preguntas que fallaste.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="441"/>
        <source>Your result is saved.</source>
        <translation>Tu resultado quedó guardado.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="448"/>
        <source>Almost there. Let&apos;s try again.</source>
        <translation>¡Ya casi! Vamos a intentarlo otra vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="450"/>
        <source>Not yet. Read the lesson again, then try once more.</source>
        <translation>Todavía no. Lee la lección otra vez y luego inténtalo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="455"/>
        <source>Your try is saved. Read the lesson again, then take the quiz.</source>
        <translation>Tu intento quedó guardado. Lee la lección otra vez y luego haz la prueba.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="458"/>
        <source>page {n}, “{heading}”</source>
        <translation>página {n}, «{heading}»</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="460"/>
        <source>page {n}</source>
        <translation>página {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="464"/>
        <source>Read these pages again: {pages}.</source>
        <translation>Vuelve a leer estas páginas: {pages}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="518"/>
        <source>The questions you missed, with the right answers:</source>
        <extracomment>The celebration&apos;s size when there is room for it, and the least it shrinks to.</extracomment>
        <translation>Las preguntas que fallaste, con las respuestas correctas:</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="528"/>
        <source>Right answer: {answer}</source>
        <translation>Respuesta correcta: {answer}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="35"/>
        <source>cat</source>
        <translation>gato</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="36"/>
        <source>dog</source>
        <translation>perro</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="37"/>
        <source>sun</source>
        <translation>sol</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="38"/>
        <source>star</source>
        <translation>estrella</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="39"/>
        <source>tree</source>
        <translation>árbol</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="40"/>
        <source>fish</source>
        <translation>pez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="41"/>
        <source>apple</source>
        <translation>manzana</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="42"/>
        <source>car</source>
        <translation>carro</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="43"/>
        <source>moon</source>
        <translation>luna</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="94"/>
        <source>Welcome! Pick your class.</source>
        <translation>¡Te damos la bienvenida! Elige tu clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="109"/>
        <source>Tap your class to start.</source>
        <translation>Toca tu clase para empezar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="116"/>
        <source>Grade 3 and up: type your name or student number</source>
        <translation>Desde 3.er grado: escribe tu nombre o tu número de estudiante</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="118"/>
        <source>Find me by name or student number</source>
        <translation>Buscarme por nombre o número de estudiante</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="121"/>
        <source>Find me</source>
        <translation>Buscarme</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="21"/>
        <source>No exit code is set on this kiosk. Students cannot use it until an administrator sets one.</source>
        <translation>Este quiosco no tiene código de salida. Los estudiantes no pueden usarlo hasta que un administrador establezca uno.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="25"/>
        <source>A real roster is imported, but the exit code is still the demo school&apos;s public code (2314). Students cannot use this kiosk until an administrator sets a new exit code.</source>
        <translation>Se importó una lista real, pero el código de salida sigue siendo el código público de la escuela de demostración (2314). Los estudiantes no pueden usar este quiosco hasta que un administrador establezca un código de salida nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="30"/>
        <source>The exit code is the demo school&apos;s public code (2314). Set your own before real students use this kiosk.</source>
        <translation>El código de salida es el código público de la escuela de demostración (2314). Establezca el suyo antes de que estudiantes reales usen este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="41"/>
        <source>The exit code cannot be blank.</source>
        <translation>El código de salida no puede estar en blanco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="42"/>
        <source>The exit code needs at least 6 characters.</source>
        <translation>El código de salida necesita al menos 6 caracteres.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="58"/>
        <source>This kiosk needs a new exit code</source>
        <translation>Este quiosco necesita un código de salida nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="63"/>
        <source>An administrator signs in with Staff sign-in and sets it under Administration &gt; Kiosk (at least 6 characters), or IT runs: citizenship-app kiosk set-exit-code</source>
        <translation>Un administrador entra con Inicio de sesión del personal y lo establece en Administración &gt; Quiosco (al menos 6 caracteres), o el equipo de TI ejecuta: citizenship-app kiosk set-exit-code</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="72"/>
        <location filename="../../citizenship_app/ui/signin.py" line="132"/>
        <location filename="../../citizenship_app/ui/signin.py" line="145"/>
        <source>Staff sign-in</source>
        <translation>Inicio de sesión del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="74"/>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="146"/>
        <source>Use your district username and password.</source>
        <translation>Use su nombre de usuario y contraseña del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="150"/>
        <location filename="../../citizenship_app/ui/signin.py" line="158"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="151"/>
        <source>One-time code from an administrator</source>
        <translation>Código de un solo uso del administrador/a</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="152"/>
        <location filename="../../citizenship_app/ui/signin.py" line="160"/>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="153"/>
        <location filename="../../citizenship_app/ui/signin.py" line="161"/>
        <source>New password again</source>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="159"/>
        <source>One-time code</source>
        <translation>Código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="178"/>
        <location filename="../../citizenship_app/ui/signin.py" line="366"/>
        <source>First time? Set a password with a one-time code</source>
        <translation>¿Primera vez? Cree una contraseña con un código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="183"/>
        <location filename="../../citizenship_app/ui/signin.py" line="331"/>
        <location filename="../../citizenship_app/ui/signin.py" line="361"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="208"/>
        <location filename="../../citizenship_app/ui/signin.py" line="477"/>
        <source>Tap your name.</source>
        <translation>Toca tu nombre.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="215"/>
        <source>Back to classes</source>
        <translation>Volver a las clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="234"/>
        <location filename="../../citizenship_app/ui/signin.py" line="497"/>
        <source>Type your secret code, then press OK.</source>
        <translation>Escribe tu código secreto y luego toca OK.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="230"/>
        <source>Not you? Pick your name again</source>
        <translation>¿No eres tú? Elige tu nombre otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="257"/>
        <source>Picture {n} of your code</source>
        <translation>Dibujo {n} de tu código</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="262"/>
        <source>Start over</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="319"/>
        <source>Secret code</source>
        <translation>Código secreto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="331"/>
        <source>Delete last digit</source>
        <translation>Borrar el último número</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="361"/>
        <source>Set password and sign in</source>
        <translation>Crear contraseña e iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="364"/>
        <source>Back to sign-in with a password</source>
        <translation>Volver a iniciar sesión con contraseña</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="376"/>
        <source>The two new passwords are not the same.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="26"/>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>Un PIN tiene de 4 a 6 dígitos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="27"/>
        <source>A picture code is two different pictures.</source>
        <translation>Un código de dibujos son dos dibujos diferentes.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="28"/>
        <source>A code is a PIN or a picture code.</source>
        <translation>Un código es un PIN o un código de dibujos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="29"/>
        <source>That student is not on this kiosk&apos;s roster.</source>
        <translation>Ese estudiante no está en la lista de clases de este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="30"/>
        <source>That username is not on this computer&apos;s roster.</source>
        <translation>Ese nombre de usuario no está en la lista de clases de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="31"/>
        <source>A staff password needs at least {min} characters.</source>
        <translation>Una contraseña del personal necesita al menos {min} caracteres.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="32"/>
        <source>That one-time code is not right. Ask an administrator for a new one.</source>
        <translation>Ese código de un solo uso no es correcto. Pida uno nuevo a un administrador.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="35"/>
        <source>Only signed-in staff may do this.</source>
        <translation>Solo el personal que inició sesión puede hacer esto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="36"/>
        <source>That school is not one of your schools.</source>
        <translation>Esa escuela no es una de sus escuelas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="37"/>
        <source>That class is not at one of your schools.</source>
        <translation>Esa clase no es de una de sus escuelas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="38"/>
        <source>You may change only the classes you teach.</source>
        <translation>Solo puede cambiar las clases que enseña.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="39"/>
        <source>You may see only the classes you teach.</source>
        <translation>Solo puede ver las clases que enseña.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="40"/>
        <source>That student is not at one of your schools.</source>
        <translation>Ese estudiante no es de una de sus escuelas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="41"/>
        <location filename="../../citizenship_app/ui/messages.py" line="42"/>
        <source>That student is not in one of your classes.</source>
        <translation>Ese estudiante no está en una de sus clases.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="43"/>
        <source>Completion records are for counselors and administrators.</source>
        <translation>Los registros de finalización son para consejeros escolares y administradores.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="46"/>
        <source>A teacher sees only the records of their own classes.</source>
        <translation>Un maestro solo ve los registros de sus propias clases.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="47"/>
        <source>Only an administrator sets the district&apos;s required modules.</source>
        <translation>Solo un administrador fija los módulos obligatorios del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="51"/>
        <source>That class is not on this kiosk&apos;s roster.</source>
        <translation>Esa clase no está en la lista de clases de este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="52"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="312"/>
        <source>This module has no family sheet yet.</source>
        <translation>Este módulo todavía no tiene hoja para las familias.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="53"/>
        <source>This module has no discussion prompt yet.</source>
        <translation>Este módulo aún no tiene guía de conversación.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="54"/>
        <source>Modules are assigned by a teacher of the class.</source>
        <translation>Los módulos los asigna un maestro de la clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="55"/>
        <source>Modules are withdrawn by a teacher of the class.</source>
        <translation>Los módulos los retira un maestro de la clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="56"/>
        <source>That module is for another grade band than this class.</source>
        <translation>Ese módulo es para otro rango de grados que esta clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="57"/>
        <source>A due date is a day of the calendar.</source>
        <translation>Una fecha de entrega es un día del calendario.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="58"/>
        <source>The due date {due} has already passed. Pick a later day.</source>
        <translation>La fecha de entrega {due} ya pasó. Elija un día posterior.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="59"/>
        <source>Pick a status from the list.</source>
        <translation>Elija un estado de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="60"/>
        <source>Pick a grade band from the list.</source>
        <translation>Elija un rango de grados de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="61"/>
        <source>Pick a file format from the list.</source>
        <translation>Elija un formato de archivo de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="62"/>
        <source>Pick a school year from the list.</source>
        <translation>Elija un año escolar de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="63"/>
        <source>Pick a text size from the list.</source>
        <translation>Elija un tamaño de texto de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="64"/>
        <source>Pick normal or high contrast.</source>
        <translation>Elija contraste normal o alto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="65"/>
        <source>The idle time is between {low} and {high} minutes.</source>
        <translation>El tiempo de inactividad está entre {low} y {high} minutos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="66"/>
        <source>The countdown is between {low} and {high} seconds.</source>
        <translation>La cuenta regresiva está entre {low} y {high} segundos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="67"/>
        <source>The district sets this on every kiosk; it cannot be changed here.</source>
        <translation>El distrito fija este ajuste en todos los quioscos; no se puede cambiar aquí.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="70"/>
        <source>The hub&apos;s address starts with https:// (or http:// on a test network).</source>
        <translation>La dirección del servidor central empieza con https:// (o http:// en una red de prueba).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="73"/>
        <source>No hub password is set on this kiosk. Type it and save.</source>
        <translation>Este quiosco no tiene contraseña del servidor central. Escríbala y guarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="74"/>
        <source>The hub refused this kiosk&apos;s username or password (HTTP {status}). Check them.</source>
        <translation>El servidor central rechazó el usuario o la contraseña de este quiosco (HTTP {status}). Revíselos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="77"/>
        <source>The hub does not let this kiosk send records yet. Tell IT what it said: {reason}</source>
        <translation>El centro del distrito todavía no deja que este quiosco envíe registros. Dígale a TI lo que respondió: {reason}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="80"/>
        <source>No district hub is set up on this kiosk.</source>
        <translation>Este quiosco no tiene configurado ningún servidor central del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="81"/>
        <source>The hub asks this kiosk to wait (too many failed sign-ins).</source>
        <translation>El servidor central pide a este quiosco que espere (demasiados inicios de sesión fallidos).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="82"/>
        <source>The hub had a problem (HTTP {status}). The kiosk tries again later.</source>
        <translation>El servidor central tuvo un problema (HTTP {status}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="85"/>
        <source>The hub gave an unexpected answer (HTTP {status}).</source>
        <translation>El servidor central dio una respuesta inesperada (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="86"/>
        <source>The hub could not list the district&apos;s records (HTTP {status}).</source>
        <translation>El servidor central no pudo listar los registros del distrito (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="89"/>
        <source>The hub did not say what it takes (HTTP {status}). The kiosk tries again later.</source>
        <translation>El centro del distrito no dijo qué acepta (HTTP {status}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="92"/>
        <source>The hub did not list its kiosks&apos; keys (HTTP {status}). The kiosk tries again later.</source>
        <translation>El centro del distrito no mostró las claves de sus quioscos (HTTP {status}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="95"/>
        <source>The kiosk cannot reach the hub ({kind}). Check the network; it tries again later.</source>
        <translation>No se puede conectar con el servidor central ({kind}). Revise la red; el quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="98"/>
        <source>The sync failed ({kind}). The kiosk tries again later.</source>
        <translation>La sincronización falló ({kind}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="99"/>
        <source>The kiosk cannot reach the roster at {url} ({kind}). It tries again later.</source>
        <translation>El quiosco no puede llegar a la lista de alumnos en {url} ({kind}). Lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="102"/>
        <source>The roster service at {url} refused the kiosk&apos;s client id and secret (HTTP {status}). Ask IT.</source>
        <translation>El servicio de listas en {url} rechazó el identificador y el secreto del quiosco (HTTP {status}). Avise a informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="106"/>
        <source>The roster at {url} refused this kiosk (HTTP {status}). Tell IT what it said: {reason}</source>
        <translation>La lista de alumnos en {url} rechazó este quiosco (HTTP {status}). Diga a informática lo que respondió: {reason}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="109"/>
        <source>There is no roster at {url}. Ask IT to check the address and the school.</source>
        <translation>No hay ninguna lista de alumnos en {url}. Pida a informática que revise la dirección y la escuela.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="112"/>
        <source>The roster service had a problem (HTTP {status}). Nothing changed; the kiosk tries again later.</source>
        <translation>El servicio de listas tuvo un problema (HTTP {status}). No cambió nada; el quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="116"/>
        <source>The roster from {url} could not be used ({detail}). Nothing changed. Ask IT.</source>
        <translation>No se pudo usar la lista de alumnos de {url} ({detail}). No cambió nada. Avise a informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="119"/>
        <source>The roster at {url} lists nobody for this school. Nothing changed. Ask IT.</source>
        <translation>La lista de alumnos en {url} no tiene a nadie de esta escuela. No cambió nada. Avise a informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="122"/>
        <source>The roster from the district was not imported ({count} problems). Nothing changed. Ask IT.</source>
        <translation>La lista de alumnos del distrito no se importó ({count} problemas). No cambió nada. Avise a informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="126"/>
        <source>The export folder {folder} is missing. Ask IT to set one up, then try again.</source>
        <translation>Falta la carpeta de exportación {folder}. Pida al personal de TI que la configure y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="129"/>
        <source>Nothing was saved: the export folder {folder} cannot be written. Ask IT.</source>
        <translation>No se guardó nada: no se puede escribir en la carpeta de exportación {folder}. Consulte al personal de TI.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="145"/>
        <source>The records could not be read or written ({code}). Try again, or tell IT.</source>
        <translation>No se pudieron leer ni escribir los registros ({code}). Vuelva a intentarlo o avise al personal de TI.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="149"/>
        <source>Something went wrong. Try again, or tell IT (the kiosk&apos;s log says more).</source>
        <translation>Algo salió mal. Vuelva a intentarlo o avise al personal de TI (el registro del quiosco tiene más detalles).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="169"/>
        <source>This import would remove people or classes the kiosk holds (the roster no longer lists them; a cut-short export looks like this): nothing was imported. Check the export; if they really left, import again and allow the removals.</source>
        <translation>Esta importación quitaría personas o clases que el quiosco tiene (la lista de clases ya no las incluye; una exportación incompleta se ve así): no se importó nada. Revise la exportación; si de verdad se fueron, importe de nuevo y permita quitarlas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="175"/>
        <source>The records could not be backed up before the removals ({detail}): nothing was imported. Free some disk space and import again.</source>
        <translation>No se pudo hacer una copia de seguridad de los registros antes de quitar filas ({detail}): no se importó nada. Libere espacio en el disco e importe de nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="180"/>
        <source>{n} more problems are not shown: fix these and check again.</source>
        <translation>Hay {n} problemas más que no se muestran: corrija estos y revise de nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="181"/>
        <source>There is no such file or folder: give the roster folder or its .zip file.</source>
        <translation>No existe ese archivo o carpeta: indique la carpeta de la lista de clases o su archivo .zip.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="185"/>
        <source>This is not a readable zip file ({detail}): give the roster folder, or a complete .zip of its CSV files (download it again if it was cut short).</source>
        <translation>No es un archivo zip legible ({detail}): indique la carpeta de la lista de clases o un .zip completo de sus archivos CSV (descárguelo de nuevo si quedó incompleto).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="190"/>
        <source>The zip holds {count} files, more than the {max} a roster zip may hold: zip only the roster&apos;s CSV files.</source>
        <translation>El zip contiene {count} archivos, más de los {max} que puede tener el zip de una lista de clases: comprima solo los archivos CSV de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="195"/>
        <source>The zip holds a path outside its folder ({name}): make the zip again from the export folder.</source>
        <translation>El zip contiene una ruta fuera de su carpeta ({name}): vuelva a crear el zip desde la carpeta de la exportación.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="199"/>
        <source>The zip holds another zip ({name}): unzip the outer one and give the inner zip (or its folder).</source>
        <translation>El zip contiene otro zip ({name}): descomprima el exterior e indique el zip interior (o su carpeta).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="203"/>
        <source>The roster&apos;s files are more than {max_mb:.0f} MB together, more than one import may be: import it in parts, or check that these are the right files.</source>
        <translation>Los archivos de la lista de clases suman más de {max_mb:.0f} MB, más de lo que admite una importación: impórtela por partes o compruebe que son los archivos correctos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="208"/>
        <source>The roster has more than {max:,} rows in all: import it in parts (one delta file at a time), or check that these are the right files.</source>
        <translation>La lista de clases tiene más de {max:,} filas en total: impórtela por partes (un archivo delta a la vez) o compruebe que son los archivos correctos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="213"/>
        <source>The file cannot be read from the zip ({detail}): the zip is damaged or encrypted. Make it again without a password.</source>
        <translation>No se puede leer el archivo dentro del zip ({detail}): el zip está dañado o cifrado. Vuelva a crearlo sin contraseña.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="218"/>
        <source>The file is {size_mb:.1f} MB, more than the {limit_mb:.1f} MB a roster file may be: check that it is the right file.</source>
        <translation>El archivo tiene {size_mb:.1f} MB, más de los {limit_mb:.1f} MB que puede tener un archivo de la lista de clases: compruebe que es el archivo correcto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="223"/>
        <source>The file cannot be read ({detail}): check that it is there and readable.</source>
        <translation>No se puede leer el archivo ({detail}): compruebe que existe y que se puede leer.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="227"/>
        <source>The file is UTF-16 text: save it as UTF-8 (in Excel: CSV UTF-8).</source>
        <translation>El archivo es texto UTF-16: guárdelo como UTF-8 (en Excel: CSV UTF-8).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="231"/>
        <source>The file holds binary data, not CSV text: export the roster as CSV UTF-8.</source>
        <translation>El archivo contiene datos binarios, no texto CSV: exporte la lista de clases como CSV UTF-8.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="235"/>
        <source>The line is longer than {max_mb:g} MB, far longer than a roster row: check the file (a quote that is never closed?).</source>
        <translation>La línea mide más de {max_mb:g} MB, mucho más que una fila de la lista de clases: revise el archivo (¿unas comillas que nunca se cierran?).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="240"/>
        <source>Byte 0x{byte:02x} at character {position} is not UTF-8: save the file as UTF-8 (in Excel: CSV UTF-8).</source>
        <translation>El byte 0x{byte:02x} en el carácter {position} no es UTF-8: guarde el archivo como UTF-8 (en Excel: CSV UTF-8).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="245"/>
        <source>A field is longer than {max_kb} KB, far longer than a roster field: check the file (a quote that is never closed?).</source>
        <translation>Un campo mide más de {max_kb} KB, mucho más que un campo de la lista de clases: revise el archivo (¿unas comillas que nunca se cierran?).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="250"/>
        <source>The CSV cannot be read from here on ({detail}): a field with a comma, quote or line break must be in double quotes, and a quote inside it doubled (&quot;&quot;).</source>
        <translation>El CSV no se puede leer desde aquí ({detail}): un campo con una coma, comillas o un salto de línea debe ir entre comillas dobles, y las comillas dentro de él, duplicadas (&quot;&quot;).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="255"/>
        <source>The row has {fields} fields but the header has {header}: put a field with a comma in double quotes.</source>
        <translation>La fila tiene {fields} campos pero el encabezado tiene {header}: ponga entre comillas dobles el campo que tenga una coma.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="260"/>
        <source>The field has more than {max:,} characters, far more than a roster field: check the file.</source>
        <translation>El campo tiene más de {max:,} caracteres, mucho más que un campo de la lista de clases: revise el archivo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="264"/>
        <source>The file is empty: it needs the header row ({columns}).</source>
        <translation>El archivo está vacío: necesita la fila de encabezado ({columns}).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="265"/>
        <source>The column {column} appears twice: keep one.</source>
        <translation>La columna {column} aparece dos veces: deje una.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="266"/>
        <source>The header has no {column} column: add it (the header is {columns}).</source>
        <translation>El encabezado no tiene la columna {column}: agréguela (el encabezado es {columns}).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="270"/>
        <source>There is no manifest.csv in {source}: a OneRoster export has one; it says which files are bulk or delta.</source>
        <translation>No hay manifest.csv en {source}: toda exportación de OneRoster lo tiene; indica qué archivos son bulk o delta.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="275"/>
        <source>manifest.csv has more than 1,000 rows (a OneRoster manifest has about 20): check that it is the right file.</source>
        <translation>manifest.csv tiene más de 1,000 filas (un manifiesto de OneRoster tiene unas 20): compruebe que es el archivo correcto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="280"/>
        <source>oneroster.version is missing: this kiosk reads OneRoster 1.1 and 1.2 CSV (set oneroster.version to 1.1 or 1.2).</source>
        <translation>Falta oneroster.version: este quiosco lee CSV de OneRoster 1.1 y 1.2 (ponga oneroster.version en 1.1 o 1.2).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="285"/>
        <source>oneroster.version is {version}: this kiosk reads OneRoster 1.1 and 1.2 CSV (set oneroster.version to 1.1 or 1.2).</source>
        <translation>oneroster.version es {version}: este quiosco lee CSV de OneRoster 1.1 y 1.2 (ponga oneroster.version en 1.1 o 1.2).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="290"/>
        <source>file.{name} is {mode!r}: use bulk, delta or absent.</source>
        <translation>file.{name} es {mode!r}: use bulk, delta o absent.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="291"/>
        <source>{name}.csv is in the roster but manifest.csv has no file.{name} row: add file.{name},bulk (or delta).</source>
        <translation>{name}.csv está en la lista de clases pero manifest.csv no tiene la fila file.{name}: agregue file.{name},bulk (o delta).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="296"/>
        <source>manifest.csv (line {line}) says file.{name} is {mode} but there is no {name}.csv: add the file or set it to absent.</source>
        <translation>manifest.csv (línea {line}) dice que file.{name} es {mode} pero no hay {name}.csv: agregue el archivo o póngalo en absent.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="301"/>
        <source>file.{name} is absent but {name}.csv is in the roster: set it to bulk or delta, or leave the file out.</source>
        <translation>file.{name} es absent pero {name}.csv está en la lista de clases: póngalo en bulk o delta, o quite el archivo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="306"/>
        <source>roles.csv needs users.csv in the same import: add users.csv.</source>
        <translation>roles.csv necesita users.csv en la misma importación: agregue users.csv.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="310"/>
        <source>{column} is empty: fill it in.</source>
        <translation>{column} está vacío: complételo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="311"/>
        <source>status is empty: a delta file says active or tobedeleted on every row.</source>
        <translation>status está vacío: un archivo delta indica active o tobedeleted en cada fila.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="315"/>
        <source>{value!r} is not a {column}: use one of {choices}.</source>
        <translation>{value!r} no es un valor válido de {column}: use uno de {choices}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="316"/>
        <source>{value!r} is not true or false: use true or false.</source>
        <translation>{value!r} no es true ni false: use true o false.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="317"/>
        <source>{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-08-26.</source>
        <translation>{value!r} no es una fecha: use AAAA-MM-DD (YYYY-MM-DD), p. ej. 2026-08-26.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="318"/>
        <source>{value!r} is not a date and time: use ISO 8601, e.g. 2026-08-26T14:05:00.000Z.</source>
        <translation>{value!r} no es una fecha y hora: use ISO 8601, p. ej. 2026-08-26T14:05:00.000Z.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="322"/>
        <source>{value!r} is not a year: use four digits, the year the school year ends (e.g. 2027).</source>
        <translation>{value!r} no es un año: use cuatro dígitos, el año en que termina el ciclo escolar (p. ej. 2027).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="326"/>
        <source>{value!r} is not a grade: use two digits: {grade}.</source>
        <translation>{value!r} no es un grado: use dos dígitos: {grade}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="327"/>
        <source>{value!r} is not a grade: use KG for kindergarten.</source>
        <translation>{value!r} no es un grado: use KG para kínder.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="328"/>
        <source>{value!r} is not a grade: use KG, 01 to 12, or another CEDS grade (IT, PR, PK, TK, 13, PS, UG, Other).</source>
        <translation>{value!r} no es un grado: use KG, de 01 a 12 u otro grado CEDS (IT, PR, PK, TK, 13, PS, UG, Other).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="333"/>
        <source>endDate {end} is before startDate {start}: swap or correct them.</source>
        <translation>endDate {end} es anterior a startDate {start}: inviértalas o corríjalas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="337"/>
        <source>endDate {end} is before beginDate {begin}: swap or correct them.</source>
        <translation>endDate {end} es anterior a beginDate {begin}: inviértalas o corríjalas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="341"/>
        <source>{id!r} is also on line {first}: each sourcedId must appear once.</source>
        <translation>{id!r} también está en la línea {first}: cada sourcedId debe aparecer una sola vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="345"/>
        <source>The username {username!r} is also on line {first}: usernames must be unique.</source>
        <translation>El nombre de usuario {username!r} también está en la línea {first}: los nombres de usuario no se pueden repetir.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="349"/>
        <source>The username {username!r} belongs to {owner!r} already: usernames must be unique.</source>
        <translation>El nombre de usuario {username!r} ya pertenece a {owner!r}: los nombres de usuario no se pueden repetir.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="353"/>
        <source>{user!r} is not in users.csv: add the user or remove this role.</source>
        <translation>{user!r} no está en users.csv: agregue el usuario o quite este rol.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="357"/>
        <source>{user!r} has no role in roles.csv: add a roles.csv row with roleType primary.</source>
        <translation>{user!r} no tiene ningún rol en roles.csv: agregue una fila en roles.csv con roleType primary.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="361"/>
        <source>{user!r} already has a primary role (line {first}): make this one secondary.</source>
        <translation>{user!r} ya tiene un rol principal (línea {first}): ponga este como secondary.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="365"/>
        <source>{id!r} is an org but not a school: give the school&apos;s sourcedId.</source>
        <translation>{id!r} es una organización pero no una escuela: indique el sourcedId de la escuela.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="369"/>
        <source>{id!r} is not a school in orgs.csv: add it there with type school.</source>
        <translation>{id!r} no es una escuela en orgs.csv: agréguela allí con type school.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="373"/>
        <source>{id!r} is not in {kind}.csv: add it there or correct this id.</source>
        <translation>{id!r} no está en {kind}.csv: agréguelo allí o corrija este id.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="377"/>
        <source>{school!r} is not the school of class {class_id!r} ({class_school!r}): give the class&apos;s school, or enroll the person in a class of that school.</source>
        <translation>{school!r} no es la escuela de la clase {class_id!r} ({class_school!r}): indique la escuela de la clase o inscriba a la persona en una clase de esa escuela.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="426"/>
        <source>Class {title}, {grade}</source>
        <translation>Clase {title}, {grade}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="437"/>
        <source>No classes are set up on this computer yet. Ask your teacher.</source>
        <translation>Todavía no hay clases en esta computadora. Pregúntale a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="454"/>
        <source>Is this you? Tap your name.</source>
        <translation>¿Eres tú? Toca tu nombre.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="456"/>
        <source>Nobody found. Go back and pick your class.</source>
        <translation>No encontramos a nadie. Regresa y elige tu clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="485"/>
        <source>Hi, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="495"/>
        <source>Tap your two secret pictures.</source>
        <translation>Toca tus dos dibujos secretos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="560"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="189"/>
        <source>Kindergarten</source>
        <translation>Kínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="561"/>
        <source>Pre-K</source>
        <translation>Prekínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="562"/>
        <source>Transitional K</source>
        <translation>Kínder de transición</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="564"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="193"/>
        <source>Grade {n}</source>
        <translation>Grado {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="572"/>
        <source>We could not find you. Ask your teacher for help.</source>
        <translation>No te encontramos. Pide ayuda a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="573"/>
        <source>This account is turned off. Ask your teacher for help.</source>
        <translation>Esta cuenta está apagada. Pide ayuda a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="574"/>
        <source>Too many tries. Wait a few minutes or ask your teacher.</source>
        <translation>Demasiados intentos. Espera unos minutos o pregunta a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="575"/>
        <source>You do not have a code yet. Ask your teacher for one.</source>
        <translation>Todavía no tienes un código. Pide uno a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="577"/>
        <source>That code is not right. Try again.</source>
        <translation>Ese código no es correcto. Inténtalo otra vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="585"/>
        <source>This account is locked after too many tries. Try again in {n} minute(s).</source>
        <translation>Esta cuenta está bloqueada por demasiados intentos. Inténtelo de nuevo en {n} minuto(s).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="589"/>
        <source>This account is disabled. Ask the district&apos;s administrator.</source>
        <translation>Esta cuenta está desactivada. Pregunte al administrador del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="592"/>
        <source>No password is set yet. Use your one-time code to set one.</source>
        <translation>Todavía no hay contraseña. Use su código de un solo uso para crear una.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="596"/>
        <source>That username and password do not match.</source>
        <translation>Ese nombre de usuario y esa contraseña no coinciden.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="63"/>
        <location filename="../../citizenship_app/ui/window.py" line="491"/>
        <source>Citizenship Kiosk</source>
        <translation>Quiosco de Ciudadanía</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="71"/>
        <source>District sync status</source>
        <translation>Estado de sincronización con el distrito</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="79"/>
        <location filename="../../citizenship_app/ui/window.py" line="494"/>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="82"/>
        <location filename="../../citizenship_app/ui/window.py" line="495"/>
        <location filename="../../citizenship_app/ui/window.py" line="496"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="97"/>
        <location filename="../../citizenship_app/ui/window.py" line="492"/>
        <location filename="../../citizenship_app/ui/window.py" line="493"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="330"/>
        <location filename="../../citizenship_app/ui/window.py" line="202"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="203"/>
        <source>Waiting to send: {n} · last synced {when}</source>
        <translation>Por enviar: {n} · última sincronización: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="205"/>
        <source>{n} need IT</source>
        <translation>{n} requieren ayuda de TI</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="208"/>
        <source>sync settings need IT</source>
        <translation>la configuración de sincronización necesita a IT</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="313"/>
        <source>Are you still there? You will be signed out in {n} seconds. Touch anything to stay.</source>
        <translation>¿Sigues ahí? Tu sesión se cerrará en {n} segundos. Toca cualquier parte para quedarte.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="417"/>
        <source>Text size: {size}</source>
        <translation>Tamaño del texto: {size}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="419"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="420"/>
        <source>large</source>
        <translation>grande</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="421"/>
        <source>largest</source>
        <translation>muy grande</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="19"/>
        <source>Too many wrong exit codes. Try again in {n} minute(s).</source>
        <translation>Demasiados códigos de salida incorrectos. Vuelva a intentarlo en {n} minuto(s).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="21"/>
        <source>The demo school&apos;s exit code no longer works here: an administrator must set a new one.</source>
        <translation>El código de salida de la escuela de demostración ya no funciona aquí: un administrador debe establecer uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="24"/>
        <source>That exit code is not right.</source>
        <translation>Ese código de salida no es correcto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="36"/>
        <source>Staff: enter the exit code to close the kiosk.</source>
        <translation>Personal: ingrese el código de salida para cerrar el quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="43"/>
        <source>Exit code</source>
        <translation>Código de salida</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="202"/>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="47"/>
        <location filename="../../citizenship_app/ui/staff/common.py" line="154"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="499"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="525"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="49"/>
        <source>Close the kiosk</source>
        <translation>Cerrar el quiosco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/charts.py" line="32"/>
        <source>Complete by grade (%)</source>
        <translation>Finalización por grado (%)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/charts.py" line="36"/>
        <source>Complete over the year (%)</source>
        <translation>Finalización durante el año (%)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/charts.py" line="49"/>
        <source>Completed %</source>
        <translation>Finalización (%)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="154"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="179"/>
        <source>History: {name}</source>
        <translation>Historial: {name}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="184"/>
        <source>{grade} · {classes}</source>
        <translation>{grade} · {classes}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="185"/>
        <source>no class</source>
        <translation>sin clase</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="193"/>
        <source>passed</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="194"/>
        <source>failed</source>
        <translation>reprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="195"/>
        <source>open</source>
        <translation>en curso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="211"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="72"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="57"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="208"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="137"/>
        <source>Module</source>
        <translation>Módulo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="212"/>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="213"/>
        <source>Submitted</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="214"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="210"/>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="215"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="59"/>
        <source>Right</source>
        <translation>Correctas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="216"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="217"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="213"/>
        <source>Machine</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="227"/>
        <source>Passed: {titles}</source>
        <translation>Módulos aprobados: {titles}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="231"/>
        <source>No module passed yet.</source>
        <translation>Todavía no ha aprobado ningún módulo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="237"/>
        <source>Certificate (PDF)</source>
        <translation>Certificado (PDF)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="243"/>
        <location filename="../../citizenship_app/ui/staff/discussion.py" line="58"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="269"/>
        <source>Saved {name}&apos;s certificate to {path}</source>
        <translation>Se guardó el certificado de {name} en {path}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="68"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="292"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="206"/>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="69"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="293"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="205"/>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="70"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="207"/>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="71"/>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="73"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="209"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="76"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="80"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="95"/>
        <source>Student name, username or id</source>
        <translation>Nombre del estudiante, nombre de usuario o ID</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="96"/>
        <source>Search for a student</source>
        <translation>Buscar a un estudiante</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="105"/>
        <source>Show records</source>
        <translation>Mostrar registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="111"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="123"/>
        <source>Could not load the records: {error}</source>
        <translation>No se pudieron cargar los registros: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="60"/>
        <source>Double-click a record for the student&apos;s full history.</source>
        <translation>Haga doble clic en un registro para ver el historial completo del estudiante.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="147"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="164"/>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="192"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="368"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="77"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="206"/>
        <source>{n} record</source>
        <translation>{n} registro</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="206"/>
        <source>{n} records</source>
        <translation>{n} registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="221"/>
        <source>Saved {n} records to {path}</source>
        <translation>Se guardaron {n} registros en {path}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="422"/>
        <source>Saved the compliance report to {path}</source>
        <translation>Se guardó el informe de cumplimiento en {path}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="229"/>
        <source>Export failed: {error}</source>
        <translation>No se pudo exportar: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="242"/>
        <source>Completion records</source>
        <translation>Registros de finalización</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="52"/>
        <source>My training</source>
        <extracomment>The kiosk&apos;s style is sized for children at a touch screen; staff tables need more rows.</extracomment>
        <translation>Mi capacitación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="256"/>
        <location filename="../../citizenship_app/ui/window.py" line="600"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="259"/>
        <source>Overdue</source>
        <translation>Atrasados</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="260"/>
        <source>Compliance</source>
        <translation>Cumplimiento</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="262"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="66"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="80"/>
        <source>Hardest questions</source>
        <translation>Preguntas más difíciles</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="270"/>
        <source>School year</source>
        <translation>Año escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="279"/>
        <source>Required modules…</source>
        <translation>Módulos obligatorios…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="284"/>
        <source>Compliance report (PDF)</source>
        <translation>Informe de cumplimiento (PDF)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="294"/>
        <source>Enrolled</source>
        <translation>Inscritos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="295"/>
        <source>Completed</source>
        <translation>Completaron</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="323"/>
        <source>Completion records · {name}</source>
        <translation>Registros de finalización · {name}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="327"/>
        <source>Your account is not linked to any school in this computer&apos;s roster, so no records are shown. Ask district IT to list your school for you in the roster (orgSourcedIds in users.csv) and import it again.</source>
        <translation>Su cuenta no está vinculada a ninguna escuela de la lista de clases de este equipo, por eso no se muestra ningún registro. Pida al equipo de TI del distrito que incluya su escuela para usted en la lista de clases (orgSourcedIds en users.csv) y que la vuelva a importar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="379"/>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="87"/>
        <source>Could not compute: {error}</source>
        <translation>No se pudo calcular: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="392"/>
        <source>All schools</source>
        <translation>Todas las escuelas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="397"/>
        <source>{done} of {enrolled} students ({percent}%) completed every required module</source>
        <translation>{done} de {enrolled} estudiantes ({percent}%) completaron todos los módulos obligatorios</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="466"/>
        <source>Required modules</source>
        <translation>Módulos obligatorios</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="469"/>
        <source>A student is complete when they passed every ticked module of their grade band.</source>
        <translation>Un estudiante cumple los requisitos cuando aprobó todos los módulos marcados de su rango de grados.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="489"/>
        <source>Grade bands greyed out are set by the district: {bands}.</source>
        <translation>Los niveles en gris los fija el distrito: {bands}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="50"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="61"/>
        <location filename="../../citizenship_app/ui/window.py" line="93"/>
        <location filename="../../citizenship_app/ui/window.py" line="600"/>
        <source>My classes</source>
        <translation>Mis clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="109"/>
        <source>Click a student&apos;s name (or double-click a cell) for their history. Red cells are overdue.</source>
        <translation>Haga clic en el nombre de un estudiante (o doble clic en una celda) para ver su historial. Las celdas en rojo están atrasadas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="119"/>
        <source>New code for the selected student</source>
        <translation>Nuevo código para el estudiante seleccionado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="123"/>
        <source>Print sign-in cards</source>
        <translation>Imprimir tarjetas de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="77"/>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="136"/>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="214"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="138"/>
        <source>Due</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="139"/>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="145"/>
        <source>Assign modules…</source>
        <translation>Asignar módulos…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="148"/>
        <source>Unassign</source>
        <translation>Quitar asignación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="78"/>
        <source>Assignments</source>
        <translation>Asignaciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="151"/>
        <source>Family sheet (PDF)</source>
        <translation>Hoja para familias (PDF)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="174"/>
        <source>{name}: my classes</source>
        <translation>{name}: mis clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="185"/>
        <source>You have no classes in the roster on this computer.</source>
        <translation>No tiene ninguna clase en la lista de clases de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="239"/>
        <source>until {time}</source>
        <translation>hasta las {time}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="247"/>
        <source>Locked out after too many wrong codes: {names}. A new code unlocks a student at once.</source>
        <translation>Bloqueados por demasiados códigos incorrectos: {names}. Un código nuevo desbloquea al estudiante de inmediato.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="278"/>
        <source>Assigned {n} module(s).</source>
        <translation>Se asignaron {n} módulo(s).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="284"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="319"/>
        <source>Pick a module in the list first.</source>
        <translation>Primero elija un módulo de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="289"/>
        <source>Unassigned {title}.</source>
        <translation>Se quitó la asignación de {title}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/discussion.py" line="35"/>
        <source>Discussion prompt: {title}</source>
        <translation>Guía de conversación: {title}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/discussion.py" line="38"/>
        <source>This module has no discussion prompt in this language yet: here it is in English.</source>
        <translation>Este módulo aún no tiene guía de conversación en este idioma: aquí está en inglés.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/discussion.py" line="48"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="155"/>
        <source>Discussion prompt</source>
        <translation>Guía de conversación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/discussion.py" line="54"/>
        <source>Save as PDF</source>
        <translation>Guardar como PDF</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/discussion.py" line="81"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="310"/>
        <source>Saved: {files}</source>
        <translation>Guardado: {files}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="364"/>
        <source>Click a student&apos;s row first.</source>
        <translation>Primero haga clic en la fila de un estudiante.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="370"/>
        <source>Give {name} a new sign-in code? Their old code stops working at once.</source>
        <translation>¿Dar a {name} un código nuevo para entrar? Su código anterior deja de funcionar de inmediato.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="378"/>
        <source>{first}, then {second}</source>
        <translation>{first} y luego {second}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="383"/>
        <source>{name}&apos;s new code: {code}

Write it down now: it is shown only once.</source>
        <translation>Código nuevo de {name}: {code}

Anótelo ahora: solo se muestra una vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="416"/>
        <source>Every student of this class gets a new code, and the old codes stop working. The cards show every student&apos;s sign-in code: keep them where no student can read another&apos;s. {where} Make new cards?</source>
        <translation>Cada estudiante de esta clase recibe un código nuevo y los códigos anteriores dejan de funcionar. Las tarjetas muestran el código de inicio de sesión de cada estudiante: guárdelas donde ningún estudiante pueda leer el de otro. {where} ¿Crear tarjetas nuevas?</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="422"/>
        <source>Make new cards</source>
        <translation>Crear tarjetas nuevas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="369"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="386"/>
        <source>New sign-in code</source>
        <translation>Nuevo código de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="403"/>
        <source>They print at once on {printer}.</source>
        <translation>Se imprimen de inmediato en {printer}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="412"/>
        <source>They are saved as a PDF in {folder}.</source>
        <translation>Se guardan como PDF en {folder}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="415"/>
        <source>New sign-in codes</source>
        <translation>Nuevos códigos de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="434"/>
        <source>Making new codes…</source>
        <translation>Creando códigos nuevos…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="445"/>
        <source>Cards for {n} students sent to the printer {printer}. The old codes no longer work.</source>
        <translation>Se enviaron las tarjetas de {n} estudiantes a la impresora {printer}. Los códigos anteriores ya no funcionan.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="451"/>
        <source>Cards for {n} students saved to {path}. The old codes no longer work.</source>
        <translation>Se guardaron las tarjetas de {n} estudiantes en {path}. Los códigos anteriores ya no funcionan.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="485"/>
        <source>Assign modules</source>
        <translation>Asignar módulos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="486"/>
        <source>Tick the modules to assign.</source>
        <translation>Marque los módulos que desea asignar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="491"/>
        <source>{title} (about {n} min)</source>
        <translation>{title} (unos {n} min)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="500"/>
        <source>Every module of this grade band is already assigned.</source>
        <translation>Todos los módulos de este rango de grados ya están asignados.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="503"/>
        <source>Due by</source>
        <translation>Fecha de entrega</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="521"/>
        <source>In this order (students take them one after another)</source>
        <translation>En este orden (los estudiantes los hacen uno tras otro)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="527"/>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="31"/>
        <source>Passed</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="32"/>
        <source>Failed</source>
        <translation>Reprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="33"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="53"/>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="35"/>
        <source>Overdue</source>
        <comment>a record&apos;s status</comment>
        <translation>Atrasado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="36"/>
        <source>Not passed yet</source>
        <translation>Aún no aprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="50"/>
        <source>Passed {score}%</source>
        <translation>Aprobado {score}%</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="51"/>
        <source>Failed ×{n} (best {score}%)</source>
        <translation>Reprobado ×{n} (mejor puntaje: {score}%)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="55"/>
        <source>{status} · overdue</source>
        <translation>{status} · atrasado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="143"/>
        <source>Assign modules in the Assignments tab.</source>
        <translation>Asigne módulos en la pestaña Asignaciones.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="154"/>
        <source>Passed {when}</source>
        <translation>Aprobado el {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="170"/>
        <source>No modules assigned yet</source>
        <translation>Aún no hay módulos asignados</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="178"/>
        <source>due {when}</source>
        <translation>entrega: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="191"/>
        <source>Pre-kindergarten</source>
        <translation>Prekínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="199"/>
        <source>{status} (overdue)</source>
        <translation>{status} (atrasado)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="204"/>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="211"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="222"/>
        <source>Completed</source>
        <comment>the date a record was completed</comment>
        <translation>Completado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/out_of_order.py" line="32"/>
        <source>Out of order</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/out_of_order.py" line="34"/>
        <source>This computer cannot save your work right now. Please tell a teacher.</source>
        <translation>Esta computadora no puede guardar tu trabajo ahora. Por favor, avísale a un maestro o una maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/out_of_order.py" line="49"/>
        <source>For IT: {detail}</source>
        <translation>Para el personal de TI: {detail}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/speech.py" line="295"/>
        <source>the speech engine stopped unexpectedly</source>
        <extracomment>Deadlines, in seconds: the engine starting (a Python process and the engine&apos;s own start-up), a reply to a request, and each text&apos;s reading (base + per character).</extracomment>
        <translation>el motor de voz se detuvo de forma inesperada</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/speech.py" line="296"/>
        <source>the speech engine reported an error</source>
        <translation>el motor de voz informó de un error</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/speech.py" line="297"/>
        <source>the speech engine stopped responding</source>
        <translation>el motor de voz dejó de responder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/speech.py" line="298"/>
        <source>Read-aloud was turned off ({when}): {why}. IT: check the sound and the speech service (speech-dispatcher on Linux).</source>
        <translation>La lectura en voz alta se desactivó ({when}): {why}. TI: revisen el sonido y el servicio de voz (speech-dispatcher en Linux).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="199"/>
        <source>Remove people from this kiosk?</source>
        <translation>¿Quitar personas de este quiosco?</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="204"/>
        <source>The roster no longer lists them. A cut-short export from the student information system looks like this: if in doubt, cancel and check the export. If they really left, import: a backup is made first, and they are kept, marked inactive, with their records; a later import that lists them again brings them back with their codes.</source>
        <translation>La lista ya no las incluye. Una exportación incompleta del sistema de información estudiantil se ve así: si tiene dudas, cancele y revise la exportación. Si de verdad se fueron, importe: primero se hace una copia de seguridad, y se conservan, marcadas como inactivas, con sus registros; una importación posterior que las vuelva a incluir las recupera con sus códigos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="201"/>
        <source>Import and remove</source>
        <translation>Importar y quitar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="254"/>
        <source>Marked inactive: {counts}. Backup: {file}</source>
        <translation>Marcados como inactivos: {counts}. Copia de seguridad: {file}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="723"/>
        <source>{who} looked at the records of {scope}</source>
        <translation>{who} consultó los registros de {scope}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="724"/>
        <source>{who} looked at the records of all their schools</source>
        <translation>{who} consultó los registros de todas sus escuelas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="725"/>
        <source>{who} looked at the history of student {student}</source>
        <translation>{who} consultó el historial del estudiante {student}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="726"/>
        <source>{who} exported {n} records for {scope}</source>
        <translation>{who} exportó {n} registros de {scope}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="727"/>
        <source>{who} exported {n} records for all their schools</source>
        <translation>{who} exportó {n} registros de todas sus escuelas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="728"/>
        <source>{who} looked at the compliance summary {year} ({n} students)</source>
        <translation>{who} consultó el resumen de cumplimiento {year} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="729"/>
        <source>{who} exported the compliance report {year} for {school} ({n} students)</source>
        <translation>{who} exportó el informe de cumplimiento {year} de {school} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="732"/>
        <source>{who} saved a certificate for student {student}</source>
        <translation>{who} guardó un certificado del estudiante {student}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="733"/>
        <source>{who} saved the family sheet for {module} ({language})</source>
        <translation>{who} guardó la hoja para las familias de {module} ({language})</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="734"/>
        <source>{who} saved the discussion prompt for {module} ({language})</source>
        <translation>{who} guardó la guía de conversación de {module} ({language})</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="737"/>
        <source>{who} looked at the progress of {class_} ({n} students)</source>
        <translation>{who} consultó el progreso de {class_} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="738"/>
        <source>{who} gave student {student} a new sign-in code</source>
        <translation>{who} dio un código nuevo de inicio de sesión al estudiante {student}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="739"/>
        <source>{who} printed new sign-in cards for {class_} ({n} students)</source>
        <translation>{who} imprimió tarjetas nuevas de inicio de sesión para {class_} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="742"/>
        <source>{who} saved new sign-in cards for {class_} ({n} students) as {file}</source>
        <translation>{who} guardó tarjetas nuevas de inicio de sesión para {class_} ({n} estudiantes) como {file}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="745"/>
        <source>{who} assigned {module} to {class_}</source>
        <translation>{who} asignó {module} a {class_}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="746"/>
        <source>{who} assigned {module} to {class_}, due {due}</source>
        <translation>{who} asignó {module} a {class_}, con entrega el {due}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="747"/>
        <source>{who} withdrew {module} from {class_}</source>
        <translation>{who} retiró {module} de {class_}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="748"/>
        <source>{who} set a new exit code</source>
        <translation>{who} fijó un código de salida nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="749"/>
        <source>{who} imported the roster {file} ({n} people)</source>
        <translation>{who} importó la lista de clases {file} ({n} personas)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="750"/>
        <source>{who} restored the records from the backup {file}</source>
        <translation>{who} restauró los registros desde la copia de seguridad {file}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="751"/>
        <source>The district hub set {setting} to {value}</source>
        <translation>El servidor central del distrito fijó {setting} en {value}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="752"/>
        <source>The district hub set a new exit code</source>
        <translation>El servidor central del distrito fijó un código de salida nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="753"/>
        <source>{who}: {action}</source>
        <translation>{who}: {action}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="761"/>
        <source>IT, at the command line,</source>
        <translation>El personal de TI, desde la línea de comandos,</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="764"/>
        <source>{what}, {when}</source>
        <translation>{what}, {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="794"/>
        <source>This import would remove {people} of the {all_people} people, {classes} of the {all_classes} classes and {enrollments} of the {all_enrollments} enrollments this kiosk holds.</source>
        <translation>Esta importación quitaría {people} de las {all_people} personas, {classes} de las {all_classes} clases y {enrollments} de las {all_enrollments} inscripciones que tiene este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="76"/>
        <source>the records are in use by another program; try again in a moment</source>
        <extracomment>A refusal the core raised with a code of its own (core.errors): worded by ui.messages.</extracomment>
        <translation>los registros están en uso por otro programa; inténtelo de nuevo en un momento</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="77"/>
        <source>the disk is full</source>
        <translation>el disco está lleno</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="78"/>
        <source>the file or folder cannot be written</source>
        <translation>no se puede escribir en el archivo o la carpeta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="79"/>
        <source>the records file is damaged; IT can restore it</source>
        <translation>el archivo de registros está dañado; TI puede restaurarlo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="80"/>
        <source>the records were written by a newer version of the kiosk</source>
        <translation>los registros se escribieron con una versión más nueva del quiosco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="81"/>
        <source>you may not see these records</source>
        <translation>usted no puede ver estos registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="82"/>
        <location filename="../../citizenship_app/ui/ops.py" line="83"/>
        <source>the computer could not read or write the file</source>
        <translation>la computadora no pudo leer ni escribir el archivo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/ops.py" line="85"/>
        <source>something went wrong</source>
        <translation>algo salió mal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="27"/>
        <source>too easy</source>
        <translation>demasiado fácil</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="28"/>
        <source>too hard</source>
        <translation>demasiado difícil</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="29"/>
        <source>strong students miss it: check the answer</source>
        <translation>los buenos estudiantes fallan: revise la respuesta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="30"/>
        <source>tells little apart</source>
        <translation>distingue poco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="45"/>
        <source>The quiz questions answered wrong most often (submitted quizzes; a question shows after {n} answers). “Right” is the share of answers that were right; “Tells apart” is how well it separates students who know the lesson from those who do not (below 0: check the question).</source>
        <translation>Las preguntas de los cuestionarios que más se responden mal (cuestionarios entregados; una pregunta aparece a partir de {n} respuestas). “Correctas” es la parte de las respuestas que fueron correctas; “Distingue” indica qué tan bien separa a quienes saben la lección de quienes no (por debajo de 0: revise la pregunta).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="60"/>
        <source>Tells apart</source>
        <translation>Distingue</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="61"/>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/hardest.py" line="120"/>
        <source>No question has {n} answers yet.</source>
        <translation>Todavía ninguna pregunta tiene {n} respuestas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="23"/>
        <source>The hub does not know this token. Check it, or ask for a new one.</source>
        <translation>El servidor central no conoce este token. Revíselo o pida uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="26"/>
        <source>This token is used up. Ask the district for a new one.</source>
        <translation>Este token ya se ha usado. Pida uno nuevo al distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="27"/>
        <source>This token has expired. Ask the district for a new one.</source>
        <translation>Este token ha caducado. Pida uno nuevo al distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="28"/>
        <source>The hub already has a device with this computer&apos;s name. IT must remove it there first.</source>
        <translation>El servidor central ya tiene un dispositivo con el nombre de este equipo. Informática debe quitarlo allí primero.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="31"/>
        <source>The token&apos;s school is not in the hub&apos;s roster any more.</source>
        <translation>La escuela del token ya no está en la lista del servidor central.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="32"/>
        <source>That is not a hub address: type https:// and the hub&apos;s name.</source>
        <translation>Esa no es la dirección de un servidor central: escriba https:// y el nombre del servidor.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="33"/>
        <source>Cannot reach the hub. Check the address and the network.</source>
        <translation>No se puede conectar con el servidor central. Revise la dirección y la red.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="34"/>
        <source>Too many tries from this network. Wait a minute and try again.</source>
        <translation>Demasiados intentos desde esta red. Espere un minuto y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="37"/>
        <source>The hub cannot enroll kiosks now. Ask IT.</source>
        <translation>El servidor central no puede registrar quioscos ahora. Consulte a Informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="38"/>
        <source>This computer&apos;s name cannot be used at the hub. Ask IT.</source>
        <translation>El nombre de este equipo no se puede usar en el servidor central. Consulte a Informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="41"/>
        <source>The hub refused the enrollment ({code}). Ask IT.</source>
        <translation>El servidor central rechazó el registro ({code}). Consulte a Informática.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="67"/>
        <source>Enroll this kiosk with a token from the district (type or scan it):</source>
        <translation>Registre este quiosco con un token del distrito (escríbalo o escanéelo):</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="79"/>
        <source>Hub address</source>
        <translation>Dirección del servidor central</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="80"/>
        <source>Enrollment token</source>
        <translation>Token de registro</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="86"/>
        <source>Enroll</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="113"/>
        <source>Type or scan both the hub&apos;s address and the token.</source>
        <translation>Escriba o escanee la dirección del servidor central y el token.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="116"/>
        <source>Enrolling…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="128"/>
        <source>Enrolled as {name} for school {school}.</source>
        <translation>Registrado como {name} para la escuela {school}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/enroll_panel.py" line="137"/>
        <source>Enrollment failed: {error}</source>
        <translation>El registro falló: {error}</translation>
    </message>
</context>
</TS>
