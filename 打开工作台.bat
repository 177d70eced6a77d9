@echo off
chcp 65001 >nul
rem Double-click: the workbench (docgen serve) in the browser, over inputs\ and outputs\.
cd /d "%~dp0" || pushd "%~dp0"
echo 打开工作台：在浏览器里编辑、导入、检查、预览和生成 inputs 文件夹里的报告。
echo 浏览器会自动打开；用完后关闭这个窗口，或在这里按 Ctrl+C 停止工作台。
echo.
call "windows\run-docgen.cmd" serve --inputs inputs --out outputs
exit /b %errorlevel%
