"""LibreOffice as the reference renderer: conversion and PDF export, the faces it
draws with, reading pages back from a PDF, byte-reproducible PDFs, page verification."""
