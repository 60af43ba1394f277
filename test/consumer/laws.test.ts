// The testkit's vitest entry in an integrator's plugin repository.
import { national } from "@liushou/policy-national"
import { checkPolicyLaws } from "@liushou/testkit/vitest"

checkPolicyLaws([national], { numRuns: 20 })
