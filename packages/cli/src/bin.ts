#!/usr/bin/env node
/**
 * The published `liushou` command: the reference host's CLI (examples/host), bundled with tsup.
 * Its dependencies (the @liushou packages, drivers, Hono, exceljs, ...) stay dependencies.
 */
import "@liushou/host/bin"
