import { national } from "@liushou/policy-national"
import { checkPolicyLaws } from "@liushou/testkit/vitest"
import { hunan } from "../src/index.js"

// The law pack on the Hunan plugin (with its national parent): one test per law
// (raise the runs with LIUSHOU_LAW_RUNS in CI).
checkPolicyLaws([national, hunan], { numRuns: 300, incomeAround: 5000 })
