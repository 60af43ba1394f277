/**
 * Referrals (§8): deadlines by receiving body and by state of a referral case.
 *
 * @since 0.1.0
 */
import type { Parameter } from "@liushou/core"
import { hn, parameter } from "./shared.js"

/**
 * Days within which a suggested referral should be made, by receiving body.
 *
 * @category parameters
 * @since 0.1.0
 */
export const referralDeadlineDays: Parameter.Parameter<Readonly<Record<string, number>>> = parameter("hunan.referrals.deadlineDays", "local", hn("8"), {
        "village-committee": 3,
        township: 3,
        "civil-affairs": 15,
        "public-security": 1,
        justice: 7,
        health: 15,
        "human-resources-social-security": 30,
        "poverty-alleviation": 30,
        "elderly-care": 15,
        "disabled-persons-federation": 30
      },
  { zh: "转介期限（天），按接收部门", en: "Referral deadline by receiving body (days)" },
  { unit: "days", keyedBy: "bodies", note: "local choice: §8 asks discovery, reporting, referral and assistance to be linked effectively, with no numbers" })

/**
 * Days each open state of a referral case may last (discovered → reported → referred →
 * assisting).
 *
 * @category parameters
 * @since 0.1.0
 */
export const referralStateDeadlineDays: Parameter.Parameter<Readonly<Record<"discovered" | "reported" | "referred" | "assisting", number>>> = parameter("hunan.referralWorkflow.deadlineDays", "local", hn("8"), { discovered: 1, reported: 3, referred: 15, assisting: 60 },
  { zh: "转介个案各环节期限（天）", en: "Deadline of each referral case state (days)" }, { unit: "days" })
