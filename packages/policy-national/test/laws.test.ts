import { checkPolicyLaws } from "@liushou/testkit/vitest"
import { national } from "../src/index.js"

// The law pack every plugin runs: one test per law, several hundred cases each
// (raise with LIUSHOU_LAW_RUNS in CI).
checkPolicyLaws([national], { numRuns: 500 })
