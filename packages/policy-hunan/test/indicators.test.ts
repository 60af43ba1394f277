import { Loader } from "@liushou/core"
import { national } from "@liushou/policy-national"
import { runIndicatorScenarios } from "@liushou/testkit/vitest"
import { hunan, referralWorkflow } from "../src/index.js"

// The evaluation indicators (考评, §10) as data: named checks of numerators and denominators over a
// small population, each worked out by hand in the file's comments.
runIndicatorScenarios([new URL("./indicators/s10-evaluation.yaml", import.meta.url).pathname], Loader.load([national, hunan]), [referralWorkflow])
