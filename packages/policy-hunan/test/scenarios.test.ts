import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { runScenarios } from "@liushou/testkit/vitest"
import { hunan } from "../src/index.js"

// Named decision cases as data (see docs/testing-rules.md): one test per scenario, each named with its clause.
runScenarios(new URL("./scenarios/", import.meta.url), Loader.load([national, hunan]))
