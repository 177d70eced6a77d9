@echo off
chcp 65001 >nul
rem Double-click: the problems of every report into outputs\问题清单.xlsx and
rem 共性问题分析.docx, carrying over what was filled into the last 问题清单.xlsx.
cd /d "%~dp0" || pushd "%~dp0"
echo 汇总问题：读 inputs 文件夹里的报告，在 outputs 文件夹写问题清单（Excel）和共性问题分析（Word）。
echo 已有的问题清单中填写的整改措施、责任人、完成时限会带到新清单里。
echo.
set "KEEP="
if exist "outputs\问题清单.xlsx" set "KEEP=--keep outputs\问题清单.xlsx"
call "windows\run-docgen.cmd" summary --inputs inputs --out outputs %KEEP%
exit /b %errorlevel%
