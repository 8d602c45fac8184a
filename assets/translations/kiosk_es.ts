<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="63"/>
        <location filename="../../citizenship_app/ui/window.py" line="52"/>
        <location filename="../../citizenship_app/ui/window.py" line="247"/>
        <location filename="../../citizenship_app/ui/window.py" line="248"/>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="64"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="88"/>
        <source>Import a OneRoster 1.1 (or 1.2) CSV export: a folder or a .zip. Check it first; nothing is imported while there is any error.</source>
        <translation>Importe una exportación CSV de OneRoster 1.1 (o 1.2): una carpeta o un archivo .zip. Revísela primero; no se importa nada mientras haya algún error.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="93"/>
        <source>Roster folder or zip file</source>
        <translation>Carpeta o archivo zip de la lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="96"/>
        <source>Folder…</source>
        <translation>Carpeta…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="98"/>
        <source>Zip file…</source>
        <translation>Archivo zip…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="104"/>
        <source>Check</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="106"/>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="118"/>
        <source>Problems found in the roster</source>
        <translation>Problemas encontrados en la lista de clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="137"/>
        <source>Checking…</source>
        <translation>Revisando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="151"/>
        <source>Ready to import: </source>
        <translation>Listo para importar: </translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="158"/>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="164"/>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="167"/>
        <source>Imported: </source>
        <translation>Importados: </translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="191"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="193"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="202"/>
        <source>Records the hub refused (never retried on their own):</source>
        <translation>Registros que el servidor central rechazó (nunca se vuelven a enviar solos):</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="205"/>
        <source>Records the hub refused</source>
        <translation>Registros que el servidor central rechazó</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="207"/>
        <source>Send the selected record again</source>
        <translation>Enviar de nuevo el registro seleccionado</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="237"/>
        <source>Saved. This machine has no keyring: set CITIZENSHIP_HUB_PASSWORD for the kiosk.</source>
        <translation>Guardado. Este equipo no tiene un almacén seguro de contraseñas (keyring): configure CITIZENSHIP_HUB_PASSWORD para el quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="238"/>
        <location filename="../../citizenship_app/ui/admin.py" line="355"/>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="243"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="267"/>
        <source>Minutes without input before sign-out</source>
        <translation>Minutos sin actividad antes de cerrar la sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="272"/>
        <source>Seconds of countdown</source>
        <translation>Segundos de cuenta regresiva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="276"/>
        <source>New staff exit code</source>
        <translation>Nuevo código de salida del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="278"/>
        <source>Sign students out after (minutes without input)</source>
        <translation>Cerrar la sesión de los estudiantes después de (minutos sin actividad)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="279"/>
        <source>Countdown before sign-out (seconds)</source>
        <translation>Cuenta regresiva antes de cerrar la sesión (segundos)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="280"/>
        <source>New exit code (leave empty to keep)</source>
        <translation>Nuevo código de salida (déjelo vacío para conservar el actual)</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="282"/>
        <source>Save kiosk settings</source>
        <translation>Guardar la configuración del quiosco</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="302"/>
        <source>Saved. The new idle time applies from the next sign-in.</source>
        <translation>Guardado. El nuevo tiempo de inactividad se aplicará a partir del próximo inicio de sesión.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="309"/>
        <source>Give a staff member a one-time code to set their first (or a forgotten) password, or mark them as a counselor.</source>
        <translation>Dé a un miembro del personal un código de un solo uso para crear su primera contraseña (o reemplazar una olvidada), o márquelo como consejero/a escolar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="314"/>
        <source>Staff username</source>
        <translation>Nombre de usuario del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="316"/>
        <location filename="../../citizenship_app/ui/signin.py" line="86"/>
        <location filename="../../citizenship_app/ui/signin.py" line="93"/>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="319"/>
        <source>Issue one-time code</source>
        <translation>Generar código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="321"/>
        <source>Mark as counselor</source>
        <translation>Marcar como consejero/a escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="323"/>
        <source>Not a counselor</source>
        <translation>Quitar de consejero/a escolar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/admin.py" line="342"/>
        <location filename="../../citizenship_app/ui/admin.py" line="353"/>
        <source>No staff member with that username on this kiosk.</source>
        <translation>No hay ningún miembro del personal con ese nombre de usuario en este quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="25"/>
        <source>Lesson page</source>
        <extracomment>Picture width by tier: big for the youngest, smaller where text carries the lesson.</extracomment>
        <translation>Página de la lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="53"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="31"/>
        <source>My lessons</source>
        <translation>Mis lecciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="59"/>
        <source>Lesson progress</source>
        <translation>Progreso de la lección</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="64"/>
        <location filename="../../citizenship_app/ui/signin.py" line="108"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="64"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="68"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="93"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="68"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="94"/>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="90"/>
        <source>Page {n} of {m}</source>
        <translation>Página {n} de {m}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/lesson.py" line="93"/>
        <location filename="../../citizenship_app/ui/lesson.py" line="94"/>
        <source>Take the quiz</source>
        <translation>Hacer la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="75"/>
        <source>Choose every answer that is right.</source>
        <translation>Elige todas las respuestas correctas.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="103"/>
        <source>Yes, that is right</source>
        <translation>Sí, es correcto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="103"/>
        <source>No, that is not right</source>
        <translation>No, no es correcto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="142"/>
        <source>Put these in order. The first step goes at the top.</source>
        <translation>Ponlos en orden. El primer paso va arriba.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="146"/>
        <source>Steps to put in order</source>
        <translation>Pasos para poner en orden</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="156"/>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="157"/>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="206"/>
        <source>Match for: {item}</source>
        <translation>Pareja para: {item}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/questions.py" line="207"/>
        <source>Choose…</source>
        <translation>Elige…</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="37"/>
        <source>Quiz progress</source>
        <translation>Progreso de la prueba</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="67"/>
        <source>Check my answer</source>
        <translation>Revisar mi respuesta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="69"/>
        <location filename="../../citizenship_app/ui/quiz.py" line="137"/>
        <source>Next question</source>
        <translation>Siguiente pregunta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="77"/>
        <source>Quiz: {title}</source>
        <translation>Prueba: {title}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="96"/>
        <source>Question {n} of {m}</source>
        <translation>Pregunta {n} de {m}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="100"/>
        <source>Story</source>
        <translation>Historia</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="103"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="129"/>
        <source>That&apos;s right!</source>
        <translation>¡Correcto!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="129"/>
        <source>Not quite.</source>
        <translation>Casi, pero no.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="132"/>
        <source>
</source>
        <translation>
</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="137"/>
        <source>See my score</source>
        <translation>Ver mi puntaje</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="168"/>
        <source>Try the quiz again</source>
        <translation>Intentar la prueba otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="170"/>
        <source>Read the lesson again</source>
        <translation>Leer la lección otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="172"/>
        <source>Back to my lessons</source>
        <translation>Volver a mis lecciones</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="184"/>
        <source>You got {right} of {total} right. You need {mark}% to pass.</source>
        <translation>Tuviste {right} de {total} correctas. Necesitas {mark}% para aprobar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="188"/>
        <source>You passed {title}!</source>
        <translation>¡Aprobaste la prueba de {title}!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="189"/>
        <source>Your result is saved.</source>
        <translation>Tu resultado quedó guardado.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="193"/>
        <source>Almost there. Let&apos;s try again.</source>
        <translation>¡Ya casi! Vamos a intentarlo otra vez.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/quiz.py" line="194"/>
        <source>Your try is saved. Read the lesson again, then take the quiz.</source>
        <translation>Tu intento quedó guardado. Lee la lección otra vez y luego haz la prueba.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="57"/>
        <source>Welcome! Pick your class.</source>
        <extracomment>Same list as core.auth.PICTURES (not imported: hashing code stays off the start-up path).</extracomment>
        <translation>¡Te damos la bienvenida! Elige tu clase.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="66"/>
        <source>Tap your class to start.</source>
        <translation>Toca tu clase para empezar.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="74"/>
        <location filename="../../citizenship_app/ui/signin.py" line="82"/>
        <source>Staff sign-in</source>
        <translation>Inicio de sesión del personal</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="83"/>
        <source>Use your district username and password.</source>
        <translation>Use su nombre de usuario y contraseña del distrito.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="87"/>
        <location filename="../../citizenship_app/ui/signin.py" line="93"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="88"/>
        <source>One-time code from an administrator</source>
        <translation>Código de un solo uso del administrador/a</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="89"/>
        <location filename="../../citizenship_app/ui/signin.py" line="94"/>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="90"/>
        <location filename="../../citizenship_app/ui/signin.py" line="95"/>
        <source>New password again</source>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="94"/>
        <source>One-time code</source>
        <translation>Código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="110"/>
        <location filename="../../citizenship_app/ui/signin.py" line="261"/>
        <source>First time? Set a password with a one-time code</source>
        <translation>¿Primera vez? Cree una contraseña con un código de un solo uso</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="112"/>
        <location filename="../../citizenship_app/ui/signin.py" line="234"/>
        <location filename="../../citizenship_app/ui/signin.py" line="260"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="128"/>
        <source>Tap your name.</source>
        <translation>Toca tu nombre.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="135"/>
        <source>Back to classes</source>
        <translation>Volver a las clases</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="145"/>
        <location filename="../../citizenship_app/ui/signin.py" line="341"/>
        <source>Type your secret code, then press OK.</source>
        <translation>Escribe tu código secreto y luego toca OK.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="151"/>
        <source>Not you? Pick your name again</source>
        <translation>¿No eres tú? Elige tu nombre otra vez</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="168"/>
        <source>Picture {n} of your code</source>
        <translation>Dibujo {n} de tu código</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="193"/>
        <source>Start over</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="223"/>
        <source>Secret code</source>
        <translation>Código secreto</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="234"/>
        <source>Delete last digit</source>
        <translation>Borrar el último número</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="260"/>
        <source>Set password and sign in</source>
        <translation>Crear contraseña e iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="261"/>
        <source>Back to sign-in with a password</source>
        <translation>Volver a iniciar sesión con contraseña</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="270"/>
        <source>The two new passwords are not the same.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="275"/>
        <source>That username is not on this computer&apos;s roster.</source>
        <translation>Ese nombre de usuario no está en la lista de clases de esta computadora.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="307"/>
        <source>Class {title}, {grade}</source>
        <translation>Clase {title}, {grade}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="313"/>
        <source>No classes are set up on this computer yet. Ask your teacher.</source>
        <translation>Todavía no hay clases en esta computadora. Pregúntale a tu maestro o maestra.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="333"/>
        <source>Hi, {name}!</source>
        <translation>¡Hola, {name}!</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="340"/>
        <source>Tap your two secret pictures.</source>
        <translation>Toca tus dos dibujos secretos.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="401"/>
        <source>Kindergarten</source>
        <translation>Kínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="401"/>
        <source>Pre-K</source>
        <translation>Prekínder</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="402"/>
        <source>Transitional K</source>
        <translation>Kínder de transición</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/signin.py" line="403"/>
        <source>Grade {n}</source>
        <translation>Grado {n}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="43"/>
        <location filename="../../citizenship_app/ui/window.py" line="244"/>
        <source>Citizenship Kiosk</source>
        <translation>Quiosco de Ciudadanía</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="47"/>
        <source>District sync status</source>
        <translation>Estado de sincronización con el distrito</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="56"/>
        <location filename="../../citizenship_app/ui/window.py" line="245"/>
        <location filename="../../citizenship_app/ui/window.py" line="246"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="110"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="111"/>
        <source>Waiting to send: {n} · last synced {when}</source>
        <translation>Por enviar: {n} · última sincronización: {when}</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="113"/>
        <source>{n} need IT</source>
        <translation>{n} requieren ayuda de TI</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="156"/>
        <source>Are you still there? You will be signed out in {n} seconds. Touch anything to stay.</source>
        <translation>¿Sigues ahí? Tu sesión se cerrará en {n} segundos. Toca cualquier parte para quedarte.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="353"/>
        <source>Staff: enter the exit code to close the kiosk.</source>
        <translation>Personal: ingrese el código de salida para cerrar el quiosco.</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="357"/>
        <source>Exit code</source>
        <translation>Código de salida</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="361"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../citizenship_app/ui/window.py" line="363"/>
        <source>Close the kiosk</source>
        <translation>Cerrar el quiosco</translation>
    </message>
</context>
</TS>
