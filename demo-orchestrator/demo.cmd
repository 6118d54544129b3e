@echo off
rem The one-command demo on Windows: builds the jars when they are missing, then runs the orchestrator.
rem Options are the orchestrator's (demo.cmd --help). After changing sources, rebuild: mvnw.cmd -DskipTests package
setlocal
set "ROOT=%~dp0"
if not exist "%ROOT%mvnw.cmd" set "ROOT=%~dp0..\"
set "JAVA_CMD=java"
if defined JAVA_HOME set "JAVA_CMD=%JAVA_HOME%\bin\java"
set "JAR="
for %%J in ("%ROOT%demo-orchestrator\target\demo-orchestrator-*.jar") do set "JAR=%%~fJ"
if not defined JAR goto build
if not exist "%ROOT%demo-orchestrator\target\apps" goto build
goto run
:build
echo demo: building the jars (mvnw.cmd -q -DskipTests package) ... 1>&2
pushd "%ROOT%"
call mvnw.cmd -q -DskipTests package
set "BUILD_STATUS=%ERRORLEVEL%"
popd
if not "%BUILD_STATUS%"=="0" exit /b %BUILD_STATUS%
for %%J in ("%ROOT%demo-orchestrator\target\demo-orchestrator-*.jar") do set "JAR=%%~fJ"
:run
"%JAVA_CMD%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
