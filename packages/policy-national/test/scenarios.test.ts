import { Loader } from "@liushou/core"
import { runScenarios } from "@liushou/testkit/vitest"
import { national } from "../src/index.js"

// Named cases as data (see docs/testing-rules.md): one test per scenario.
runScenarios(new URL("./scenarios/", import.meta.url), Loader.load([national]))
