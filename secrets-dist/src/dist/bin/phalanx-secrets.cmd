@echo off
rem phalanx-secrets launcher (Windows). JAVA_HOME selects the JDK (17 or newer);
rem PHALANX_SECRETS_JAVA_OPTS adds JVM options; PHALANX_SECRETS_CLASSPATH adds jars.
setlocal
set "HOME_DIR=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
set "CP=%HOME_DIR%\lib\*;%HOME_DIR%\plugins\*"
if defined PHALANX_SECRETS_CLASSPATH set "CP=%CP%;%PHALANX_SECRETS_CLASSPATH%"
"%JAVA%" -XX:+UseSerialGC %PHALANX_SECRETS_JAVA_OPTS% -cp "%CP%" dev.phalanx.secrets.cli.Main %*
