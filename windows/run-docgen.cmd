@echo off
chcp 65001 >nul
rem Runs docgen with the arguments given, for the double-click scripts at the top
rem of this folder (生成汇编.bat, 生成问题清单.bat): finds Python 3.10 or later, makes
rem .venv and installs docgen into it on the first run, shows docgen's messages and
rem waits for a key whatever happened, so that the window stays open to be read.
rem It reinstalls when pyproject.toml differs from the copy kept in .venv at the last
rem install: an update may need a package the .venv lacks, and "import docgen" run
rem from this folder finds the source package whether installed or not.
rem Kept free of ( ) blocks: a folder named like "新建文件夹 (2)" must not break it.
setlocal
cd /d "%~dp0.." || pushd "%~dp0.."
set "VENV_PY=.venv\Scripts\python.exe"
set "STAMP=.venv\docgen-installed.toml"

if not exist "inputs\" goto no_inputs
if exist "%VENV_PY%" goto check_install

echo 第一次运行：在本文件夹里建立 .venv 文件夹，并安装 docgen 和它用到的软件包。
echo 需要联网，大约几分钟；以后再运行就不用等了。
echo.
call :find_python
if errorlevel 1 goto no_python
%PYTHON% -m venv .venv
if errorlevel 1 goto venv_failed

:check_install
if not exist "%STAMP%" goto install
fc /b pyproject.toml "%STAMP%" >nul 2>&1
if not errorlevel 1 goto run
echo docgen 已更新，需要重新安装它用到的程序包。

:install
echo 正在安装 docgen，下面是安装程序的进度（英文）……
"%VENV_PY%" -m pip install --disable-pip-version-check --editable .
if errorlevel 1 goto install_failed
rem Should the copy fail, the next run only installs once more.
copy /y pyproject.toml "%STAMP%" >nul
echo 安装完成。
echo.

:run
"%VENV_PY%" -m docgen %*
if errorlevel 1 goto failed
echo.
echo 完成。生成的文件在本文件夹的 outputs 文件夹里。
pause
exit /b 0

:failed
echo.
echo 没有完成：请看上面“错误：”后面的说明，改好后再双击运行。
echo outputs 文件夹里原有的文件都没有改动。
pause
exit /b 1

:no_inputs
echo 找不到 inputs 文件夹：请把本文件和 inputs 文件夹放在同一个文件夹里，也就是 docgen 的文件夹。
pause
exit /b 1

:no_python
echo 没有找到 Python 3.10 或更高版本。
echo 请从 https://www.python.org/downloads/ 下载安装 Python，
echo 安装时在第一页下方勾选“Add python.exe to PATH”，装好后再双击运行。
pause
exit /b 1

:venv_failed
echo 无法在本文件夹里建立 .venv 文件夹，原因见上面的说明。
echo 本文件夹可能是只读的：可以把整个文件夹复制到“文档”或桌面上再运行。
pause
exit /b 1

:install_failed
echo 安装 docgen 没有成功：请检查网络连接后再双击运行。
echo 仍不成功时，可以删除本文件夹里的 .venv 文件夹再双击运行，让它重新安装；
echo 还不成功，请把这个窗口里的信息发给维护者。
pause
exit /b 1

rem Sets PYTHON to a command that runs Python 3.10 or later: the py launcher, else python.
:find_python
set "PYTHON=py -3"
%PYTHON% -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1
if not errorlevel 1 exit /b 0
set "PYTHON=python"
%PYTHON% -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>&1
if not errorlevel 1 exit /b 0
exit /b 1
