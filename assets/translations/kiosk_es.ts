<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="50"/>
        <location filename="../../citizenship_app/ui/window.py" line="85"/>
        <location filename="../../citizenship_app/ui/window.py" line="492"/>
        <location filename="../../citizenship_app/ui/window.py" line="493"/>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="54"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="314"/>
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
        <location filename="../../citizenship_app/ui/admin.py" line="88"/>
        <source>Import a OneRoster 1.1 (or 1.2) CSV export: a folder or a .zip. Check it first; nothing is imported while there is any error.</source>
        <translation>Importe una exportación CSV de OneRoster 1.1 (o 1.2): una carpeta o un archivo .zip. Revísela primero; no se importa nada mientras haya algún error.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="99"/>
        <source>Roster folder or zip file</source>
        <translation>Carpeta o archivo zip de la lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="117"/>
        <source>Check</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="119"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="131"/>
        <source>Problems found in the roster</source>
        <translation>Problemas encontrados en la lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="156"/>
        <source>Checking…</source>
        <translation>Revisando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="164"/>
        <source>The check failed: {error}</source>
        <translation>No se pudo completar la revisión: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="170"/>
        <source>Problems found: {n}. Fix them in the export, then check again.</source>
        <translation>Problemas encontrados: {n}. Corríjalos en la exportación y luego revise de nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="177"/>
        <source>Ready to import: </source>
        <translation>Listo para importar: </translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="226"/>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="220"/>
        <location filename="../../citizenship_app/ui/admin.py" line="235"/>
        <location filename="../../citizenship_app/ui/admin.py" line="241"/>
        <location filename="../../citizenship_app/ui/admin.py" line="247"/>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="102"/>
        <source>Look on USB drives</source>
        <translation>Buscar en memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="109"/>
        <source>Roster exports found on USB drives</source>
        <translation>Exportaciones de la lista de clases encontradas en memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="147"/>
        <source>No roster export found on a USB drive. Plug one in, or type the folder&apos;s path.</source>
        <translation>No se encontró ninguna exportación de la lista de clases en una memoria USB. Conecte una o escriba la ruta de la carpeta.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="250"/>
        <source>Imported: </source>
        <translation>Importados: </translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="276"/>
        <source>Hub xAPI address</source>
        <translation>Dirección xAPI del servidor central</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="277"/>
        <source>Device username</source>
        <translation>Nombre de usuario del dispositivo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="278"/>
        <source>Device password</source>
        <translation>Contraseña del dispositivo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="285"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="467"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="287"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="297"/>
        <source>Records the hub refused (never retried on their own):</source>
        <translation>Registros que el servidor central rechazó (nunca se vuelven a enviar solos):</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="301"/>
        <source>Records the hub refused</source>
        <translation>Registros que el servidor central rechazó</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="304"/>
        <source>Send the selected record again</source>
        <translation>Enviar de nuevo el registro seleccionado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="315"/>
        <source>{waiting} waiting, {sent} sent, {refused} refused; last sync: {when}</source>
        <translation>{waiting} por enviar, {sent} enviados, {refused} rechazados; última sincronización: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="326"/>
        <source>Last problem: {error}</source>
        <translation>Último problema: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="348"/>
        <source>Saved. This machine has no keyring: set CITIZENSHIP_HUB_PASSWORD for the kiosk.</source>
        <translation>Guardado. Este equipo no tiene un almacén seguro de contraseñas (keyring): configure CITIZENSHIP_HUB_PASSWORD para el quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="352"/>
        <location filename="../../citizenship_app/ui/admin.py" line="580"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="357"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="366"/>
        <source>Sync failed: {error}</source>
        <translation>La sincronización falló: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="368"/>
        <source>This round: {sent} sent, {pulled} received.</source>
        <translation>Esta ronda: {sent} enviados, {pulled} recibidos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="394"/>
        <source>Minutes without input before sign-out</source>
        <translation>Minutos sin actividad antes de cerrar la sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="399"/>
        <source>Seconds of countdown</source>
        <translation>Segundos de cuenta regresiva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="403"/>
        <source>New staff exit code</source>
        <translation>Nuevo código de salida del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="405"/>
        <source>Sign students out after (minutes without input)</source>
        <translation>Cerrar la sesión de los estudiantes después de (minutos sin actividad)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="406"/>
        <source>Countdown before sign-out (seconds)</source>
        <translation>Cuenta regresiva antes de cerrar la sesión (segundos)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="407"/>
        <source>New exit code (leave empty to keep)</source>
        <translation>Nuevo código de salida (déjelo vacío para conservar el actual)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="409"/>
        <source>Save kiosk settings</source>
        <translation>Guardar la configuración del quiosco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="427"/>
        <source>Exports (records, reports, certificates, cards)</source>
        <translation>Exportaciones (registros, informes, certificados, tarjetas)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="434"/>
        <source>USB drives</source>
        <translation>Memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="438"/>
        <source>Look for USB drives</source>
        <translation>Buscar memorias USB</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="441"/>
        <source>Save exports to the selected drive</source>
        <translation>Guardar las exportaciones en la memoria seleccionada</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="445"/>
        <source>Save exports to the export folder</source>
        <translation>Guardar las exportaciones en la carpeta de exportación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="464"/>
        <source>Exports are saved to {folder}</source>
        <translation>Las exportaciones se guardan en {folder}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="470"/>
        <source>No USB drive is plugged in.</source>
        <translation>No hay ninguna memoria USB conectada.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="478"/>
        <source>Pick a drive in the list first.</source>
        <translation>Primero elija una memoria de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="518"/>
        <source>Saved. The new idle time applies from the next sign-in.</source>
        <translation>Guardado. El nuevo tiempo de inactividad se aplicará a partir del próximo inicio de sesión.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="528"/>
        <source>Give a staff member a one-time code to set their first (or a forgotten) password, or mark them as a counselor.</source>
        <translation>Dé a un miembro del personal un código de un solo uso para crear su primera contraseña (o reemplazar una olvidada), o márquelo como consejero/a escolar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="539"/>
        <source>Staff username</source>
        <translation>Nombre de usuario del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="541"/>
        <location filename="../../citizenship_app/ui/signin.py" line="147"/>
        <location filename="../../citizenship_app/ui/signin.py" line="155"/>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="544"/>
        <source>Issue one-time code</source>
        <translation>Generar código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="546"/>
        <source>Mark as counselor</source>
        <translation>Marcar como consejero/a escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="548"/>
        <source>Not a counselor</source>
        <translation>Quitar de consejero/a escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="567"/>
        <location filename="../../citizenship_app/ui/admin.py" line="578"/>
        <source>No staff member with that username on this kiosk.</source>
        <translation>No hay ningún miembro del personal con ese nombre de usuario en este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="570"/>
        <source>One-time code: {code}</source>
        <translation>Código de un solo uso: {code}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="588"/>
        <source>Who viewed or exported student records, newest first.</source>
        <translation>Quién vio o exportó registros de estudiantes, los más recientes primero.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="592"/>
        <source>Audit log entries</source>
        <translation>Entradas del registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="596"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="599"/>
        <source>Refresh the audit log</source>
        <translation>Actualizar el registro de auditoría</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="637"/>
        <location filename="../../citizenship_app/ui/messages.py" line="45"/>
        <source>Only an administrator may read the audit log.</source>
        <translation>Solo un administrador puede leer el registro de auditoría.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="643"/>
        <source>Entries shown: {n}</source>
        <translation>Entradas mostradas: {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="645"/>
        <source>No entries yet.</source>
        <translation>Todavía no hay entradas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="32"/>
        <source>Lesson page</source>
        <translation>Página de la lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="65"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="38"/>
        <source>My lessons</source>
        <translation>Mis lecciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="67"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="181"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="40"/>
        <source>Read to me</source>
        <translation>Léeme</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="79"/>
        <source>Lesson progress</source>
        <translation>Progreso de la lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="85"/>
        <location filename="../../citizenship_app/ui/signin.py" line="173"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="88"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="97"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="123"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="97"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="125"/>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="149"/>
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
        <location filename="../../citizenship_app/ui/lesson.py" line="120"/>
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
        <location filename="../../citizenship_app/ui/home.py" line="93"/>
        <source>Pick a lesson. Read it, then take the quiz.</source>
        <translation>Elige una lección. Léela y luego haz la prueba.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="77"/>
        <source>Hi, {name}! Here are your lessons.</source>
        <translation>¡Hola, {name}! Aquí están tus lecciones.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="95"/>
        <source>There are no lessons for you on this computer yet. Ask your teacher.</source>
        <translation>Todavía no hay lecciones para ti en esta computadora. Pregúntale a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="108"/>
        <source>Your teacher picked this</source>
        <translation>Tu maestro o maestra eligió esta lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="113"/>
        <source>Overdue: was due {when}</source>
        <translation>Atrasada: la fecha de entrega era {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="114"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="152"/>
        <source>Due {when}</source>
        <translation>Fecha de entrega: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="140"/>
        <source>First finish: {title}</source>
        <translation>Primero termina: {title}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="147"/>
        <source>About {n} min</source>
        <translation>Unos {n} min</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/home.py" line="149"/>
        <source>Later</source>
        <translation>Después</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="123"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="125"/>
        <source>Take the quiz</source>
        <translation>Hacer la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="97"/>
        <source>Choose every answer that is right.</source>
        <translation>Elige todas las respuestas correctas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="126"/>
        <source>Yes, that is right</source>
        <translation>Sí, es correcto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="128"/>
        <source>No, that is not right</source>
        <translation>No, no es correcto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="170"/>
        <source>Put these in order. The first step goes at the top. Keyboard: pick a step, then Ctrl+Up or Ctrl+Down.</source>
        <translation>Ponlos en orden. El primer paso va arriba. Con el teclado: elige un paso y luego presiona Ctrl+Flecha arriba o Ctrl+Flecha abajo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="181"/>
        <source>Steps to put in order</source>
        <translation>Pasos para poner en orden</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="195"/>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="196"/>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="260"/>
        <source>Match for: {item}</source>
        <translation>Pareja para: {item}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="261"/>
        <source>Choose…</source>
        <translation>Elige…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="50"/>
        <source>Quiz progress</source>
        <translation>Progreso de la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="80"/>
        <source>Check my answer</source>
        <translation>Revisar mi respuesta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="82"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="194"/>
        <source>Next question</source>
        <translation>Siguiente pregunta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="90"/>
        <source>Quiz: {title}</source>
        <translation>Prueba: {title}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="109"/>
        <source>Question {n} of {m}</source>
        <translation>Pregunta {n} de {m}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="113"/>
        <source>Story</source>
        <translation>Historia</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="116"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="185"/>
        <source>That&apos;s right!</source>
        <translation>¡Correcto!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="185"/>
        <source>Not quite.</source>
        <translation>Casi, pero no.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="194"/>
        <source>See my score</source>
        <translation>Ver mi puntaje</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="225"/>
        <source>A smiling gold star with confetti</source>
        <translation>Una estrella dorada sonriente con confeti</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="252"/>
        <source>Try the quiz again</source>
        <translation>Intentar la prueba otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="254"/>
        <source>Read the lesson again</source>
        <translation>Leer la lección otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="256"/>
        <source>Back to my lessons</source>
        <translation>Volver a mis lecciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="269"/>
        <source>You got {right} of {total} right. You need {mark}% to pass.</source>
        <translation>Tuviste {right} de {total} correctas. Necesitas {mark}% para aprobar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="280"/>
        <source>You passed {title}!</source>
        <translation>¡Aprobaste la prueba de {title}!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="282"/>
        <source>Great job! You know how to stay safe and kind online.</source>
        <translation>¡Muy bien! Sabes cómo estar seguro y ser amable en internet.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="284"/>
        <source>Great job! Look below at the questions you missed.</source>
        <translation>¡Muy bien! Mira abajo las preguntas que fallaste.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="286"/>
        <source>Your result is saved.</source>
        <translation>Tu resultado quedó guardado.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="293"/>
        <source>Almost there. Let&apos;s try again.</source>
        <translation>¡Ya casi! Vamos a intentarlo otra vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="295"/>
        <source>Not yet. Read the lesson again, then try once more.</source>
        <translation>Todavía no. Lee la lección otra vez y luego inténtalo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="300"/>
        <source>Your try is saved. Read the lesson again, then take the quiz.</source>
        <translation>Tu intento quedó guardado. Lee la lección otra vez y luego haz la prueba.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="303"/>
        <source>page {n}, “{heading}”</source>
        <translation>página {n}, «{heading}»</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="305"/>
        <source>page {n}</source>
        <translation>página {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="309"/>
        <source>Read these pages again: {pages}.</source>
        <translation>Vuelve a leer estas páginas: {pages}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="339"/>
        <source>The questions you missed, with the right answers:</source>
        <translation>Las preguntas que fallaste, con las respuestas correctas:</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="349"/>
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
        <location filename="../../citizenship_app/ui/signin.py" line="143"/>
        <source>Staff sign-in</source>
        <translation>Inicio de sesión del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/exit_code.py" line="74"/>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="144"/>
        <source>Use your district username and password.</source>
        <translation>Use su nombre de usuario y contraseña del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="148"/>
        <location filename="../../citizenship_app/ui/signin.py" line="156"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="149"/>
        <source>One-time code from an administrator</source>
        <translation>Código de un solo uso del administrador/a</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="150"/>
        <location filename="../../citizenship_app/ui/signin.py" line="158"/>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="151"/>
        <location filename="../../citizenship_app/ui/signin.py" line="159"/>
        <source>New password again</source>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="157"/>
        <source>One-time code</source>
        <translation>Código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="176"/>
        <location filename="../../citizenship_app/ui/signin.py" line="357"/>
        <source>First time? Set a password with a one-time code</source>
        <translation>¿Primera vez? Cree una contraseña con un código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="181"/>
        <location filename="../../citizenship_app/ui/signin.py" line="322"/>
        <location filename="../../citizenship_app/ui/signin.py" line="352"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="205"/>
        <location filename="../../citizenship_app/ui/signin.py" line="468"/>
        <source>Tap your name.</source>
        <translation>Toca tu nombre.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="212"/>
        <source>Back to classes</source>
        <translation>Volver a las clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="224"/>
        <location filename="../../citizenship_app/ui/signin.py" line="488"/>
        <source>Type your secret code, then press OK.</source>
        <translation>Escribe tu código secreto y luego toca OK.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="230"/>
        <source>Not you? Pick your name again</source>
        <translation>¿No eres tú? Elige tu nombre otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="250"/>
        <source>Picture {n} of your code</source>
        <translation>Dibujo {n} de tu código</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="275"/>
        <source>Start over</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="310"/>
        <source>Secret code</source>
        <translation>Código secreto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="322"/>
        <source>Delete last digit</source>
        <translation>Borrar el último número</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="352"/>
        <source>Set password and sign in</source>
        <translation>Crear contraseña e iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="355"/>
        <source>Back to sign-in with a password</source>
        <translation>Volver a iniciar sesión con contraseña</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="367"/>
        <source>The two new passwords are not the same.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="21"/>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>Un PIN tiene de 4 a 6 dígitos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="22"/>
        <source>A picture code is two different pictures.</source>
        <translation>Un código de dibujos son dos dibujos diferentes.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="23"/>
        <source>A code is a PIN or a picture code.</source>
        <translation>Un código es un PIN o un código de dibujos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="24"/>
        <source>That student is not on this kiosk&apos;s roster.</source>
        <translation>Ese estudiante no está en la lista de clases de este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="25"/>
        <source>That username is not on this computer&apos;s roster.</source>
        <translation>Ese nombre de usuario no está en la lista de clases de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="26"/>
        <source>A staff password needs at least {min} characters.</source>
        <translation>Una contraseña del personal necesita al menos {min} caracteres.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="27"/>
        <source>That one-time code is not right. Ask an administrator for a new one.</source>
        <translation>Ese código de un solo uso no es correcto. Pida uno nuevo a un administrador.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="30"/>
        <source>Only signed-in staff may do this.</source>
        <translation>Solo el personal que inició sesión puede hacer esto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="31"/>
        <source>That school is not one of your schools.</source>
        <translation>Esa escuela no es una de sus escuelas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="32"/>
        <source>That class is not at one of your schools.</source>
        <translation>Esa clase no es de una de sus escuelas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="33"/>
        <source>You may change only the classes you teach.</source>
        <translation>Solo puede cambiar las clases que enseña.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="34"/>
        <source>You may see only the classes you teach.</source>
        <translation>Solo puede ver las clases que enseña.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="35"/>
        <source>That student is not at one of your schools.</source>
        <translation>Ese estudiante no es de una de sus escuelas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="36"/>
        <location filename="../../citizenship_app/ui/messages.py" line="37"/>
        <source>That student is not in one of your classes.</source>
        <translation>Ese estudiante no está en una de sus clases.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="38"/>
        <source>Completion records are for counselors and administrators.</source>
        <translation>Los registros de finalización son para consejeros escolares y administradores.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="41"/>
        <source>A teacher sees only the records of their own classes.</source>
        <translation>Un maestro solo ve los registros de sus propias clases.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="42"/>
        <source>Only an administrator sets the district&apos;s required modules.</source>
        <translation>Solo un administrador fija los módulos obligatorios del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="46"/>
        <source>That class is not on this kiosk&apos;s roster.</source>
        <translation>Esa clase no está en la lista de clases de este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="47"/>
        <source>Modules are assigned by a teacher of the class.</source>
        <translation>Los módulos los asigna un maestro de la clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="48"/>
        <source>Modules are withdrawn by a teacher of the class.</source>
        <translation>Los módulos los retira un maestro de la clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="49"/>
        <source>That module is for another grade band than this class.</source>
        <translation>Ese módulo es para otro rango de grados que esta clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="50"/>
        <source>A due date is a day of the calendar.</source>
        <translation>Una fecha de entrega es un día del calendario.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="51"/>
        <source>The due date {due} has already passed. Pick a later day.</source>
        <translation>La fecha de entrega {due} ya pasó. Elija un día posterior.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="52"/>
        <source>Pick a status from the list.</source>
        <translation>Elija un estado de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="53"/>
        <source>Pick a grade band from the list.</source>
        <translation>Elija un rango de grados de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="54"/>
        <source>Pick a file format from the list.</source>
        <translation>Elija un formato de archivo de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="55"/>
        <source>Pick a school year from the list.</source>
        <translation>Elija un año escolar de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="56"/>
        <source>Pick a text size from the list.</source>
        <translation>Elija un tamaño de texto de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="57"/>
        <source>Pick normal or high contrast.</source>
        <translation>Elija contraste normal o alto.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="58"/>
        <source>The idle time is between {low} and {high} minutes.</source>
        <translation>El tiempo de inactividad está entre {low} y {high} minutos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="59"/>
        <source>The countdown is between {low} and {high} seconds.</source>
        <translation>La cuenta regresiva está entre {low} y {high} segundos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="60"/>
        <source>The hub&apos;s address starts with https:// (or http:// on a test network).</source>
        <translation>La dirección del servidor central empieza con https:// (o http:// en una red de prueba).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="63"/>
        <source>No hub password is set on this kiosk. Type it and save.</source>
        <translation>Este quiosco no tiene contraseña del servidor central. Escríbala y guarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="64"/>
        <source>The hub refused this kiosk&apos;s username or password (HTTP {status}). Check them.</source>
        <translation>El servidor central rechazó el usuario o la contraseña de este quiosco (HTTP {status}). Revíselos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="67"/>
        <source>The hub does not let this kiosk send records yet. Tell IT what it said: {reason}</source>
        <translation>El centro del distrito todavía no deja que este quiosco envíe registros. Dígale a TI lo que respondió: {reason}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="70"/>
        <source>No district hub is set up on this kiosk.</source>
        <translation>Este quiosco no tiene configurado ningún servidor central del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="71"/>
        <source>The hub asks this kiosk to wait (too many failed sign-ins).</source>
        <translation>El servidor central pide a este quiosco que espere (demasiados inicios de sesión fallidos).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="72"/>
        <source>The hub had a problem (HTTP {status}). The kiosk tries again later.</source>
        <translation>El servidor central tuvo un problema (HTTP {status}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="75"/>
        <source>The hub gave an unexpected answer (HTTP {status}).</source>
        <translation>El servidor central dio una respuesta inesperada (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="76"/>
        <source>The hub could not list the district&apos;s records (HTTP {status}).</source>
        <translation>El servidor central no pudo listar los registros del distrito (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="79"/>
        <source>The hub did not say what it takes (HTTP {status}). The kiosk tries again later.</source>
        <translation>El centro del distrito no dijo qué acepta (HTTP {status}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="82"/>
        <source>The hub did not list its kiosks&apos; keys (HTTP {status}). The kiosk tries again later.</source>
        <translation>El centro del distrito no mostró las claves de sus quioscos (HTTP {status}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="85"/>
        <source>The kiosk cannot reach the hub ({kind}). Check the network; it tries again later.</source>
        <translation>No se puede conectar con el servidor central ({kind}). Revise la red; el quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="88"/>
        <source>The sync failed ({kind}). The kiosk tries again later.</source>
        <translation>La sincronización falló ({kind}). El quiosco lo intentará más tarde.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="89"/>
        <source>The export folder {folder} is missing. Ask IT to set one up, then try again.</source>
        <translation>Falta la carpeta de exportación {folder}. Pida al personal de TI que la configure y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="92"/>
        <source>Nothing was saved: the export folder {folder} cannot be written. Ask IT.</source>
        <translation>No se guardó nada: no se puede escribir en la carpeta de exportación {folder}. Consulte al personal de TI.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="108"/>
        <source>The records could not be read or written ({code}). Try again, or tell IT.</source>
        <translation>No se pudieron leer ni escribir los registros ({code}). Vuelva a intentarlo o avise al personal de TI.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/messages.py" line="112"/>
        <source>Something went wrong. Try again, or tell IT (the kiosk&apos;s log says more).</source>
        <translation>Algo salió mal. Vuelva a intentarlo o avise al personal de TI (el registro del quiosco tiene más detalles).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="417"/>
        <source>Class {title}, {grade}</source>
        <translation>Clase {title}, {grade}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="428"/>
        <source>No classes are set up on this computer yet. Ask your teacher.</source>
        <translation>Todavía no hay clases en esta computadora. Pregúntale a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="445"/>
        <source>Is this you? Tap your name.</source>
        <translation>¿Eres tú? Toca tu nombre.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="447"/>
        <source>Nobody found. Go back and pick your class.</source>
        <translation>No encontramos a nadie. Regresa y elige tu clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="476"/>
        <source>Hi, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="486"/>
        <source>Tap your two secret pictures.</source>
        <translation>Toca tus dos dibujos secretos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="549"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="186"/>
        <source>Kindergarten</source>
        <translation>Kínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="550"/>
        <source>Pre-K</source>
        <translation>Prekínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="551"/>
        <source>Transitional K</source>
        <translation>Kínder de transición</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="553"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="190"/>
        <source>Grade {n}</source>
        <translation>Grado {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="561"/>
        <source>We could not find you. Ask your teacher for help.</source>
        <translation>No te encontramos. Pide ayuda a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="562"/>
        <source>This account is turned off. Ask your teacher for help.</source>
        <translation>Esta cuenta está apagada. Pide ayuda a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="563"/>
        <source>Too many tries. Wait a few minutes or ask your teacher.</source>
        <translation>Demasiados intentos. Espera unos minutos o pregunta a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="564"/>
        <source>You do not have a code yet. Ask your teacher for one.</source>
        <translation>Todavía no tienes un código. Pide uno a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="566"/>
        <source>That code is not right. Try again.</source>
        <translation>Ese código no es correcto. Inténtalo otra vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="574"/>
        <source>This account is locked after too many tries. Try again in {n} minute(s).</source>
        <translation>Esta cuenta está bloqueada por demasiados intentos. Inténtelo de nuevo en {n} minuto(s).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="578"/>
        <source>This account is disabled. Ask the district&apos;s administrator.</source>
        <translation>Esta cuenta está desactivada. Pregunte al administrador del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="581"/>
        <source>No password is set yet. Use your one-time code to set one.</source>
        <translation>Todavía no hay contraseña. Use su código de un solo uso para crear una.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="585"/>
        <source>That username and password do not match.</source>
        <translation>Ese nombre de usuario y esa contraseña no coinciden.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="64"/>
        <location filename="../../citizenship_app/ui/window.py" line="486"/>
        <source>Citizenship Kiosk</source>
        <translation>Quiosco de Ciudadanía</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="70"/>
        <source>District sync status</source>
        <translation>Estado de sincronización con el distrito</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="76"/>
        <location filename="../../citizenship_app/ui/window.py" line="489"/>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="79"/>
        <location filename="../../citizenship_app/ui/window.py" line="490"/>
        <location filename="../../citizenship_app/ui/window.py" line="491"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="94"/>
        <location filename="../../citizenship_app/ui/window.py" line="487"/>
        <location filename="../../citizenship_app/ui/window.py" line="488"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="321"/>
        <location filename="../../citizenship_app/ui/window.py" line="198"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="199"/>
        <source>Waiting to send: {n} · last synced {when}</source>
        <translation>Por enviar: {n} · última sincronización: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="201"/>
        <source>{n} need IT</source>
        <translation>{n} requieren ayuda de TI</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="204"/>
        <source>sync settings need IT</source>
        <translation>la configuración de sincronización necesita a IT</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="309"/>
        <source>Are you still there? You will be signed out in {n} seconds. Touch anything to stay.</source>
        <translation>¿Sigues ahí? Tu sesión se cerrará en {n} segundos. Toca cualquier parte para quedarte.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="412"/>
        <source>Text size: {size}</source>
        <translation>Tamaño del texto: {size}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="414"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="415"/>
        <source>large</source>
        <translation>grande</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="416"/>
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
        <location filename="../../citizenship_app/ui/admin.py" line="200"/>
        <location filename="../../citizenship_app/ui/exit_dialog.py" line="47"/>
        <location filename="../../citizenship_app/ui/staff/common.py" line="81"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="465"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="451"/>
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
        <location filename="../../citizenship_app/ui/staff/common.py" line="81"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="106"/>
        <source>History: {name}</source>
        <translation>Historial: {name}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="111"/>
        <source>{grade} · {classes}</source>
        <translation>{grade} · {classes}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="112"/>
        <source>no class</source>
        <translation>sin clase</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="120"/>
        <source>passed</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="121"/>
        <source>failed</source>
        <translation>reprobado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="122"/>
        <source>open</source>
        <translation>en curso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="138"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="70"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="205"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="131"/>
        <source>Module</source>
        <translation>Módulo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="139"/>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="140"/>
        <source>Submitted</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="141"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="207"/>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="142"/>
        <source>Right</source>
        <translation>Correctas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="143"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="144"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="210"/>
        <source>Machine</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="153"/>
        <source>Passed: {titles}</source>
        <translation>Módulos aprobados: {titles}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="157"/>
        <source>No module passed yet.</source>
        <translation>Todavía no ha aprobado ningún módulo.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="163"/>
        <source>Certificate (PDF)</source>
        <translation>Certificado (PDF)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="169"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="191"/>
        <source>Saved {name}&apos;s certificate to {path}</source>
        <translation>Se guardó el certificado de {name} en {path}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="66"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="286"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="203"/>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="67"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="287"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="202"/>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="68"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="204"/>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="69"/>
        <source>Teacher</source>
        <translation>Maestro/a</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="71"/>
        <location filename="../../citizenship_app/ui/staff/models.py" line="206"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="74"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="78"/>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="93"/>
        <source>Student name, username or id</source>
        <translation>Nombre del estudiante, nombre de usuario o ID</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="94"/>
        <source>Search for a student</source>
        <translation>Buscar a un estudiante</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="103"/>
        <source>Show records</source>
        <translation>Mostrar registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="109"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="121"/>
        <source>Could not load the records: {error}</source>
        <translation>No se pudieron cargar los registros: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="58"/>
        <source>Double-click a record for the student&apos;s full history.</source>
        <translation>Haga doble clic en un registro para ver el historial completo del estudiante.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="145"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="162"/>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="190"/>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="358"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="202"/>
        <source>{n} record</source>
        <translation>{n} registro</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="202"/>
        <source>{n} records</source>
        <translation>{n} registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="217"/>
        <source>Saved {n} records to {path}</source>
        <translation>Se guardaron {n} registros en {path}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="412"/>
        <source>Saved the compliance report to {path}</source>
        <translation>Se guardó el informe de cumplimiento en {path}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="225"/>
        <source>Export failed: {error}</source>
        <translation>No se pudo exportar: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="238"/>
        <source>Completion records</source>
        <translation>Registros de finalización</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/common.py" line="51"/>
        <source>My training</source>
        <extracomment>The kiosk&apos;s style is sized for children at a touch screen; staff tables need more rows.</extracomment>
        <translation>Mi capacitación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="252"/>
        <location filename="../../citizenship_app/ui/window.py" line="591"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="255"/>
        <source>Overdue</source>
        <translation>Atrasados</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="256"/>
        <source>Compliance</source>
        <translation>Cumplimiento</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="264"/>
        <source>School year</source>
        <translation>Año escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="273"/>
        <source>Required modules…</source>
        <translation>Módulos obligatorios…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="278"/>
        <source>Compliance report (PDF)</source>
        <translation>Informe de cumplimiento (PDF)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="288"/>
        <source>Enrolled</source>
        <translation>Inscritos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="289"/>
        <source>Completed</source>
        <translation>Completaron</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="317"/>
        <source>Completion records · {name}</source>
        <translation>Registros de finalización · {name}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="321"/>
        <source>Your account is not linked to any school in this computer&apos;s roster, so no records are shown. Ask district IT to list your school for you in the roster (orgSourcedIds in users.csv) and import it again.</source>
        <translation>Su cuenta no está vinculada a ninguna escuela de la lista de clases de este equipo, por eso no se muestra ningún registro. Pida al equipo de TI del distrito que incluya su escuela para usted en la lista de clases (orgSourcedIds en users.csv) y que la vuelva a importar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="369"/>
        <source>Could not compute: {error}</source>
        <translation>No se pudo calcular: {error}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="382"/>
        <source>All schools</source>
        <translation>Todas las escuelas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="387"/>
        <source>{done} of {enrolled} students ({percent}%) completed every required module</source>
        <translation>{done} de {enrolled} estudiantes ({percent}%) completaron todos los módulos obligatorios</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="445"/>
        <source>Required modules</source>
        <translation>Módulos obligatorios</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/counselor.py" line="448"/>
        <source>A student is complete when they passed every ticked module of their grade band.</source>
        <translation>Un estudiante cumple los requisitos cuando aprobó todos los módulos marcados de su rango de grados.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="49"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="59"/>
        <location filename="../../citizenship_app/ui/window.py" line="90"/>
        <location filename="../../citizenship_app/ui/window.py" line="591"/>
        <source>My classes</source>
        <translation>Mis clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="103"/>
        <source>Click a student&apos;s name (or double-click a cell) for their history. Red cells are overdue.</source>
        <translation>Haga clic en el nombre de un estudiante (o doble clic en una celda) para ver su historial. Las celdas en rojo están atrasadas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="113"/>
        <source>New code for the selected student</source>
        <translation>Nuevo código para el estudiante seleccionado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="117"/>
        <source>Print sign-in cards</source>
        <translation>Imprimir tarjetas de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="74"/>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="130"/>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="211"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="132"/>
        <source>Due</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="133"/>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="139"/>
        <source>Assign modules…</source>
        <translation>Asignar módulos…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="142"/>
        <source>Unassign</source>
        <translation>Quitar asignación</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="75"/>
        <source>Assignments</source>
        <translation>Asignaciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="160"/>
        <source>{name}: my classes</source>
        <translation>{name}: mis clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="171"/>
        <source>You have no classes in the roster on this computer.</source>
        <translation>No tiene ninguna clase en la lista de clases de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="214"/>
        <source>until {time}</source>
        <translation>hasta las {time}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="222"/>
        <source>Locked out after too many wrong codes: {names}. A new code unlocks a student at once.</source>
        <translation>Bloqueados por demasiados códigos incorrectos: {names}. Un código nuevo desbloquea al estudiante de inmediato.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="253"/>
        <source>Assigned {n} module(s).</source>
        <translation>Se asignaron {n} módulo(s).</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="259"/>
        <source>Pick a module in the list first.</source>
        <translation>Primero elija un módulo de la lista.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="264"/>
        <source>Unassigned {title}.</source>
        <translation>Se quitó la asignación de {title}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="290"/>
        <source>Click a student&apos;s row first.</source>
        <translation>Primero haga clic en la fila de un estudiante.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="296"/>
        <source>Give {name} a new sign-in code? Their old code stops working at once.</source>
        <translation>¿Dar a {name} un código nuevo para entrar? Su código anterior deja de funcionar de inmediato.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="304"/>
        <source>{first}, then {second}</source>
        <translation>{first} y luego {second}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="309"/>
        <source>{name}&apos;s new code: {code}

Write it down now: it is shown only once.</source>
        <translation>Código nuevo de {name}: {code}

Anótelo ahora: solo se muestra una vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="342"/>
        <source>Every student of this class gets a new code, and the old codes stop working. The cards show every student&apos;s sign-in code: keep them where no student can read another&apos;s. {where} Make new cards?</source>
        <translation>Cada estudiante de esta clase recibe un código nuevo y los códigos anteriores dejan de funcionar. Las tarjetas muestran el código de inicio de sesión de cada estudiante: guárdelas donde ningún estudiante pueda leer el de otro. {where} ¿Crear tarjetas nuevas?</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="348"/>
        <source>Make new cards</source>
        <translation>Crear tarjetas nuevas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="295"/>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="312"/>
        <source>New sign-in code</source>
        <translation>Nuevo código de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="329"/>
        <source>They print at once on {printer}.</source>
        <translation>Se imprimen de inmediato en {printer}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="338"/>
        <source>They are saved as a PDF in {folder}.</source>
        <translation>Se guardan como PDF en {folder}.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="341"/>
        <source>New sign-in codes</source>
        <translation>Nuevos códigos de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="360"/>
        <source>Making new codes…</source>
        <translation>Creando códigos nuevos…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="371"/>
        <source>Cards for {n} students sent to the printer {printer}. The old codes no longer work.</source>
        <translation>Se enviaron las tarjetas de {n} estudiantes a la impresora {printer}. Los códigos anteriores ya no funcionan.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="377"/>
        <source>Cards for {n} students saved to {path}. The old codes no longer work.</source>
        <translation>Se guardaron las tarjetas de {n} estudiantes en {path}. Los códigos anteriores ya no funcionan.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="411"/>
        <source>Assign modules</source>
        <translation>Asignar módulos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="412"/>
        <source>Tick the modules to assign.</source>
        <translation>Marque los módulos que desea asignar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="417"/>
        <source>{title} (about {n} min)</source>
        <translation>{title} (unos {n} min)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="426"/>
        <source>Every module of this grade band is already assigned.</source>
        <translation>Todos los módulos de este rango de grados ya están asignados.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="429"/>
        <source>Due by</source>
        <translation>Fecha de entrega</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="447"/>
        <source>In this order (students take them one after another)</source>
        <translation>En este orden (los estudiantes los hacen uno tras otro)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/teacher.py" line="453"/>
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
        <location filename="../../citizenship_app/ui/staff/models.py" line="176"/>
        <source>due {when}</source>
        <translation>entrega: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="188"/>
        <source>Pre-kindergarten</source>
        <translation>Prekínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="196"/>
        <source>{status} (overdue)</source>
        <translation>{status} (atrasado)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="201"/>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="208"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/staff/models.py" line="219"/>
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
        <location filename="../../citizenship_app/ui/admin.py" line="197"/>
        <source>Remove people from this kiosk?</source>
        <translation>¿Quitar personas de este quiosco?</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="202"/>
        <source>The roster no longer lists them. A cut-short export from the student information system looks like this: if in doubt, cancel and check the export. If they really left, import: a backup is made first, and they are kept, marked inactive, with their records; a later import that lists them again brings them back with their codes.</source>
        <translation>La lista ya no las incluye. Una exportación incompleta del sistema de información estudiantil se ve así: si tiene dudas, cancele y revise la exportación. Si de verdad se fueron, importe: primero se hace una copia de seguridad, y se conservan, marcadas como inactivas, con sus registros; una importación posterior que las vuelva a incluir las recupera con sus códigos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="199"/>
        <source>Import and remove</source>
        <translation>Importar y quitar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="252"/>
        <source>Marked inactive: {counts}. Backup: {file}</source>
        <translation>Marcados como inactivos: {counts}. Copia de seguridad: {file}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="652"/>
        <source>{who} looked at the records of {scope}</source>
        <translation>{who} consultó los registros de {scope}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="653"/>
        <source>{who} looked at the records of all their schools</source>
        <translation>{who} consultó los registros de todas sus escuelas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="654"/>
        <source>{who} looked at the history of student {student}</source>
        <translation>{who} consultó el historial del estudiante {student}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="655"/>
        <source>{who} exported {n} records for {scope}</source>
        <translation>{who} exportó {n} registros de {scope}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="656"/>
        <source>{who} exported {n} records for all their schools</source>
        <translation>{who} exportó {n} registros de todas sus escuelas</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="657"/>
        <source>{who} looked at the compliance summary {year} ({n} students)</source>
        <translation>{who} consultó el resumen de cumplimiento {year} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="658"/>
        <source>{who} exported the compliance report {year} for {school} ({n} students)</source>
        <translation>{who} exportó el informe de cumplimiento {year} de {school} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="661"/>
        <source>{who} saved a certificate for student {student}</source>
        <translation>{who} guardó un certificado del estudiante {student}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="662"/>
        <source>{who} looked at the progress of {class_} ({n} students)</source>
        <translation>{who} consultó el progreso de {class_} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="663"/>
        <source>{who} gave student {student} a new sign-in code</source>
        <translation>{who} dio un código nuevo de inicio de sesión al estudiante {student}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="664"/>
        <source>{who} printed new sign-in cards for {class_} ({n} students)</source>
        <translation>{who} imprimió tarjetas nuevas de inicio de sesión para {class_} ({n} estudiantes)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="667"/>
        <source>{who} saved new sign-in cards for {class_} ({n} students) as {file}</source>
        <translation>{who} guardó tarjetas nuevas de inicio de sesión para {class_} ({n} estudiantes) como {file}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="670"/>
        <source>{who} assigned {module} to {class_}</source>
        <translation>{who} asignó {module} a {class_}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="671"/>
        <source>{who} assigned {module} to {class_}, due {due}</source>
        <translation>{who} asignó {module} a {class_}, con entrega el {due}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="672"/>
        <source>{who} withdrew {module} from {class_}</source>
        <translation>{who} retiró {module} de {class_}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="673"/>
        <source>{who} set a new exit code</source>
        <translation>{who} fijó un código de salida nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="674"/>
        <source>{who} imported the roster {file} ({n} people)</source>
        <translation>{who} importó la lista de clases {file} ({n} personas)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="675"/>
        <source>{who} restored the records from the backup {file}</source>
        <translation>{who} restauró los registros desde la copia de seguridad {file}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="676"/>
        <source>{who}: {action}</source>
        <translation>{who}: {action}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="684"/>
        <source>IT, at the command line,</source>
        <translation>El personal de TI, desde la línea de comandos,</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="687"/>
        <source>{what}, {when}</source>
        <translation>{what}, {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="717"/>
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
</context>
</TS>
