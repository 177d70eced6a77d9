@echo off
chcp 65001 >nul
rem Double-click: every report and the volume, from inputs\ into outputs\.
cd /d "%~dp0" || pushd "%~dp0"
echo 生成汇编：读 inputs 文件夹里的报告，把各报告和汇编写到 outputs 文件夹。
echo.
call "windows\run-docgen.cmd" build --inputs inputs --out outputs
exit /b %errorlevel%
