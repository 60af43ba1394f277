/**
 * The v1 case file: one per elder, the public input contract of liushou. Defined once here
 * with Effect Schema; TypeScript types, decoding and the JSON Schema
 * (docs/schema/case-file.schema.json) are derived from it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "./CalendarDate.js"
import * as IdNumber from "./IdNumber.js"
import * as RegionCode from "./RegionCode.js"

const filter = <T>(check: (t: T) => boolean, expected: string, identifier: string, jsonSchema: Record<string, unknown> = {}) =>
  Schema.makeFilter<T>((t) => (check(t) ? undefined : `Expected ${expected}`), {
    expected,
    identifier,
    description: expected,
    // JSON Schema cannot say everything a check says (a real calendar date, a check digit):
    // the fragment is a looser approximation, and decoding is the authority
    toJsonSchema: () => [jsonSchema, true]
  } as never)

/**
 * A calendar date `YYYY-MM-DD` that exists in the calendar.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Date = Schema.String.check(
  filter<string>(CalendarDate.isValid, "a calendar date YYYY-MM-DD", "CalendarDate", { format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" })
).annotate({ identifier: "CalendarDate", description: "A calendar date (YYYY-MM-DD) that exists", examples: ["1959-01-01"] })

/**
 * A 12-digit village code.
 *
 * @category schemas
 * @since 0.1.0
 */
export const VillageCode = Schema.String.check(
  filter<string>(RegionCode.isVillage, "a 12-digit village code", "VillageCode", { pattern: "^\\d{12}$" })
).annotate({ identifier: "VillageCode", description: "12-digit administrative division code of a village", examples: ["430121101201"] })

/**
 * Control characters (C0, DEL, C1) and bidirectional overrides: never part of an id, a name or
 * any other text of a case file (they corrupt terminals and logs, and PostgreSQL text cannot
 * hold NUL).
 *
 * @category models
 * @since 0.2.0
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

/**
 * Characters that show nothing: spaces, zero-width characters, fillers. A name needs at least
 * one character outside them.
 *
 * @category models
 * @since 0.2.0
 */
export const INVISIBLE_CHARACTERS = /^[\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]*$/u

/**
 * The longest id or name a case file may hold, in UTF-16 code units.
 *
 * @category models
 * @since 0.2.0
 */
export const MAX_TEXT = 64

/**
 * The largest amount of yuan a case file may hold (a plausibility bound on the data, not a
 * policy figure: an annual income above it is a typing error).
 *
 * @category models
 * @since 0.2.0
 */
export const MAX_YUAN = 10_000_000

/**
 * The earliest birth date a case file may hold.
 *
 * @category models
 * @since 0.2.0
 */
export const EARLIEST_BIRTH_DATE = "1880-01-01"

const isText = (s: string): boolean => s.length > 0 && s.length <= MAX_TEXT && s.trim() === s && !CONTROL_CHARACTERS.test(s)

/**
 * A non-empty identifier of at most 64 characters, without surrounding spaces or control characters.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Id = Schema.String.check(
  filter<string>(isText, "a non-empty identifier of at most 64 characters, without surrounding spaces or control characters", "Id", {
    minLength: 1,
    maxLength: MAX_TEXT,
    pattern: "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
  })
)

/**
 * A person's name (personal data): like an id, and with at least one visible character.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Name = Schema.String.check(
  filter<string>((s) => isText(s) && !INVISIBLE_CHARACTERS.test(s), "a name of at most 64 characters with a visible character, without surrounding spaces or control characters", "Name", {
    minLength: 1,
    maxLength: MAX_TEXT,
    pattern: "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$"
  })
)

const Money = Schema.Finite.check(
  filter<number>((n) => Number.isFinite(n) && n >= 0 && n <= MAX_YUAN, "a finite, non-negative amount of yuan, at most 10000000", "Yuan", { minimum: 0, maximum: MAX_YUAN })
).annotate({ identifier: "Yuan", description: "An amount of yuan (finite, ≥ 0, at most 10 000 000: a plausibility bound)" })

const BirthDate = Date.check(
  filter<string>((d) => d >= EARLIEST_BIRTH_DATE, "a birth date on or after 1880-01-01", "BirthDate")
)

/**
 * A program id (`elder.receiving`). Which ids exist is policy: the governing plugin chain
 * declares its programs (`Policy.Vocabularies.programs`); the case file accepts any id, and
 * evaluation refuses an id the chain does not declare (`Engine.evaluate`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ProgramId = Id.annotate({ identifier: "ProgramId", description: "A program id the governing policy declares (e.g. dibao)" })
/**
 * @category models
 * @since 0.1.0
 */
export type ProgramId = string

/** @category models @since 0.1.0 */
export const SEXES = ["male", "female"] as const
/** @category models @since 0.1.0 */
export const LIVING_ARRANGEMENTS = ["alone", "with-spouse", "with-grandchildren", "with-relatives", "other"] as const
/**
 * Ability levels of GB/T 42195-2022 (老年人能力评估规范), from intact to total loss.
 *
 * @category models
 * @since 0.1.0
 */
export const ABILITY_LEVELS = ["intact", "mild", "moderate", "severe", "total"] as const
/** @category models @since 0.1.0 */
export const INCOME_SOURCES = ["farming", "wages", "children", "pension", "assistance", "relatives", "other"] as const
/** @category models @since 0.1.0 */
export const RELATIONS = ["son", "daughter", "son-in-law", "daughter-in-law", "grandchild", "spouse", "other"] as const
/**
 * Where a supporter lives or works, relative to the elder. `in-county` and `out-of-county` are
 * the coarse values of the first format; `in-township` (in the elder's township, not with the
 * elder) and `out-of-province` are finer ones, each inside a coarse one (see {@link coarse}).
 * `in-county` then means elsewhere in the county, or in the county without saying where; and
 * `out-of-county`, outside the county but in the province, or without saying where.
 *
 * @category models
 * @since 0.1.0
 */
export const WHEREABOUTS = ["with-elder", "in-township", "in-county", "out-of-county", "out-of-province"] as const
/** @category models @since 0.1.0 */
export const VISIT_MODES = ["home", "phone", "video"] as const
/** @category models @since 0.1.0 */
export const VISITORS = ["village-committee", "township", "neighbor", "volunteer", "social-worker", "elder-association"] as const
/** @category models @since 0.1.0 */
export const HOUSING_SAFETY = ["safe", "at-risk", "unsafe"] as const
/**
 * Civil-affairs categories an elder may be registered in, beyond the programs received.
 *
 * @category models
 * @since 0.1.0
 */
export const CATEGORIES = ["extreme-poverty", "family-planning-special", "dementia"] as const

/**
 * What a person assigned to an elder does: the named visitor responsible for the periodic
 * visits, or a pairing (结对帮扶) for voluntary help.
 *
 * @category models
 * @since 0.2.0
 */
export const ASSIGNMENT_ROLES = ["responsible-visitor", "pairing"] as const
/**
 * Who the assigned person is: a village cadre, a party member, a volunteer, a social worker,
 * township staff, a member of the elders' association, or a healthy younger elder (低龄健康老年人)
 * volunteering for an elder of advanced age or disabled.
 *
 * @category models
 * @since 0.2.0
 */
export const PERSON_KINDS = ["village-cadre", "party-member", "volunteer", "social-worker", "township-staff", "elder-association", "younger-elder"] as const

/**
 * The groups of facts the ledger re-checks (定期排查、及时更新), each with its own verified date:
 * the supporters' whereabouts and contact, the household income, the elder's health and
 * ability, the housing.
 *
 * @category models
 * @since 0.2.0
 */
export const FACT_GROUPS = ["supporters", "income", "health", "housing"] as const
/** @category models @since 0.2.0 */
export type FactGroup = (typeof FACT_GROUPS)[number]

/** @category models @since 0.1.0 */
export type Ability = (typeof ABILITY_LEVELS)[number]
/** @category models @since 0.1.0 */
export type Relation = (typeof RELATIONS)[number]
/** @category models @since 0.1.0 */
export type Whereabouts = (typeof WHEREABOUTS)[number]
/** @category models @since 0.1.0 */
export type VisitMode = (typeof VISIT_MODES)[number]
/**
 * A concern a visitor records (health, abuse, ...). Which concerns exist is policy: the
 * governing chain declares them (`Policy.Vocabularies.concerns`).
 *
 * @category models
 * @since 0.1.0
 */
export type Concern = string

/**
 * The coarse value of a whereabouts: `in-township` is `in-county`, `out-of-province` is
 * `out-of-county`; the others are their own. Rules written for the coarse values read this.
 *
 * @category getters
 * @since 0.2.0
 */
export const coarse = (w: Whereabouts): "with-elder" | "in-county" | "out-of-county" =>
  w === "in-township" ? "in-county" : w === "out-of-province" ? "out-of-county" : w

/**
 * Whether a supporter with this whereabouts is away from the elder's township, county or
 * province: `true`, `false`, or `null` when the value does not say (`in-county` for the
 * township, `out-of-county` for the province).
 *
 * @category getters
 * @since 0.2.0
 */
export const awayFrom = (w: Whereabouts, area: "township" | "county" | "province"): boolean | null => {
  switch (w) {
    case "with-elder":
    case "in-township":
      return false
    case "in-county":
      return area === "township" ? null : false
    case "out-of-county":
      return area === "province" ? null : true
    case "out-of-province":
      return true
  }
}

/**
 * A value of an additional case-file fact (`elder.facts`): the governing chain declares each
 * fact and its type (`Policy.Vocabularies.facts`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const FactValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean, Schema.Null])
/** @category models @since 0.2.0 */
export type FactValue = typeof FactValue.Type

const Phone = Schema.String.check(filter<string>((s) => /^\+?[\d\- ]{5,20}$/.test(s), "a phone number", "Phone", { pattern: "^\\+?[\\d\\- ]{5,20}$" }))

/**
 * The elder's own record.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Elder = Schema.Struct({
  id: Id.annotate({ description: "Stable ledger id" }),
  name: Name.annotate({ description: "Full name (personal data)" }),
  idNumber: Schema.optionalKey(
    Schema.String.check(
      filter<string>((s) => IdNumber.validate(s) === undefined, "an 18-character ID number with a valid check character", "IdNumber", { pattern: "^\\d{17}[\\dX]$" })
    ).annotate({ description: "Resident ID number (personal data); its birth date and sex must agree with birthDate and sex" })
  ),
  sex: Schema.Literals(SEXES),
  birthDate: BirthDate,
  regionCode: VillageCode,
  rural: Schema.Boolean.annotate({ description: "Lives in a rural area (农村)" }),
  livingArrangement: Schema.Literals(LIVING_ARRANGEMENTS),
  ability: Schema.Literals(ABILITY_LEVELS).annotate({ description: "Ability level per GB/T 42195-2022" }),
  seriousIllness: Schema.Boolean,
  disabilityGrade: Schema.NullOr(
    Schema.Finite.check(filter<number>((n) => n === 1 || n === 2 || n === 3 || n === 4, "a disability grade 1, 2, 3 or 4", "DisabilityGrade", { enum: [1, 2, 3, 4] }))
  ).annotate({ description: "Disability certificate grade, 1 = most severe; null if none" }),
  annualIncome: Money.annotate({ description: "Yuan per person per year in the elder's household" }),
  incomeSources: Schema.Array(Schema.Literals(INCOME_SOURCES)),
  receiving: Schema.Array(ProgramId).annotate({ description: "Programs already received (ids the governing policy declares)" }),
  phone: Schema.optionalKey(Phone),
  housingSafety: Schema.optionalKey(Schema.Literals(HOUSING_SAFETY)),
  categories: Schema.optionalKey(Schema.Array(Schema.Literals(CATEGORIES))),
  facts: Schema.optionalKey(
    Schema.Record(Id, FactValue).annotate({ description: "Additional facts the governing policy declares (id → value; null when not known)" })
  )
}).check(
  Schema.makeFilter((e) => {
    if (e.idNumber === undefined) return undefined
    if (IdNumber.birthDate(e.idNumber) !== e.birthDate) {
      return { path: ["idNumber"], issue: "Expected an ID number whose birth date agrees with birthDate" }
    }
    if (IdNumber.sex(e.idNumber) !== e.sex) {
      return { path: ["idNumber"], issue: "Expected an ID number whose sex digit agrees with sex" }
    }
    return undefined
  })
)
/** @category models @since 0.1.0 */
export type Elder = typeof Elder.Type

/**
 * A child or other person with a duty of support (赡养) or maintenance (扶养, a spouse).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Supporter = Schema.Struct({
  id: Id,
  relation: Schema.Literals(RELATIONS),
  whereabouts: Schema.Literals(WHEREABOUTS),
  awaySince: Schema.NullOr(Date).annotate({ description: "When they left; null if unknown or not away" }),
  reportedToVillage: Schema.Boolean.annotate({ description: "Whereabouts and contact reported to the village committee" }),
  lastContact: Schema.NullOr(Date).annotate({ description: "Last visit or call to the elder; null if unknown" }),
  name: Schema.optionalKey(Name),
  phone: Schema.optionalKey(Phone)
})
/** @category models @since 0.1.0 */
export type Supporter = typeof Supporter.Type

/**
 * A relative or other capable person entrusted with the elder's care (委托照顾).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DelegatedCarer = Schema.Struct({
  name: Name,
  relation: Id,
  since: Date,
  phone: Schema.optionalKey(Phone)
})
/** @category models @since 0.1.0 */
export type DelegatedCarer = typeof DelegatedCarer.Type

/**
 * A visit (探访) to the elder.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Visit = Schema.Struct({
  date: Date,
  mode: Schema.Literals(VISIT_MODES),
  by: Schema.Literals(VISITORS),
  concerns: Schema.Array(Id).annotate({ description: "Concerns recorded (ids the governing policy declares)" }),
  visitorId: Schema.optionalKey(Id.annotate({ description: "The person who made the visit (an assignment's personId), for attribution" })),
  services: Schema.optionalKey(
    Schema.Array(Id).annotate({
      description: "Care services delivered at the visit (service kinds the governing policy declares)"
    })
  )
})
/** @category models @since 0.1.0 */
export type Visit = typeof Visit.Type

/**
 * A recorded risk assessment (风险等级评估); the level is one of the governing plugin's levels.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RiskAssessment = Schema.Struct({
  date: Date,
  level: Id
})
/** @category models @since 0.1.0 */
export type RiskAssessment = typeof RiskAssessment.Type

/**
 * Who observed or reported a concern: the visitors of {@link VISITORS}, or the elder's family,
 * the elder, a doctor or clinic, the police, or someone else (a passer-by, an anonymous call).
 *
 * @category models
 * @since 0.3.0
 */
export const OBSERVERS = [...VISITORS, "family", "elder", "medical", "police", "other"] as const
/** @category models @since 0.3.0 */
export type Observer = (typeof OBSERVERS)[number]

/**
 * The longest note a case file may hold (a follow-up's note, a concern's grounds), in UTF-16
 * code units.
 *
 * @category models
 * @since 0.3.0
 */
export const MAX_NOTE = 500

/**
 * A free-text note (may hold personal data: never logged): at most 500 characters, without
 * control characters other than line breaks.
 *
 * @category schemas
 * @since 0.3.0
 */
export const Note = Schema.String.check(
  filter<string>(
    (s) => s.trim().length > 0 && s.length <= MAX_NOTE && !CONTROL_CHARACTERS.test(s.replace(/\n/g, " ")),
    "a note of 1 to 500 characters without control characters (line breaks allowed)",
    "Note",
    { minLength: 1, maxLength: MAX_NOTE }
  )
).annotate({ identifier: "Note", description: "Free text (personal data: never logged)" })

/**
 * A concern on record (关注事项), observed at a visit or reported by anyone (a neighbour's
 * phone call), with who observed it, whether it has been verified, and, once verified, whether
 * the case is serious (情节严重) and on what grounds. It stays open until `resolvedOn`: a later
 * visit that records nothing does not close it.
 *
 * @category schemas
 * @since 0.3.0
 */
export const ConcernRecord = Schema.Struct({
  concern: Id.annotate({ description: "The concern (an id the governing policy declares, e.g. abuse, neglect, support-dispute)" }),
  date: Date.annotate({ description: "When it was observed or reported" }),
  observedBy: Schema.Literals(OBSERVERS).annotate({ description: "Who observed or reported it" }),
  verified: Schema.optionalKey(
    Schema.Boolean.annotate({ description: "Verified by the village committee or the township (a verification home visit); absent = false", default: false })
  ),
  serious: Schema.optionalKey(
    Schema.Boolean.annotate({ description: "Found serious (情节严重) on verification; absent = false. Law enforcement needs it, verified, with grounds", default: false })
  ),
  grounds: Schema.optionalKey(Note.annotate({ description: "What the verification found: the grounds for a serious finding (personal data)" })),
  resolvedOn: Schema.optionalKey(Schema.NullOr(Date).annotate({ description: "When the concern was resolved; null or absent while it is open" }))
}).check(
  Schema.makeFilter((c) =>
    c.resolvedOn !== undefined && c.resolvedOn !== null && c.resolvedOn < c.date
      ? { path: ["resolvedOn"], issue: "Expected a resolution date on or after date" }
      : c.serious === true && c.verified !== true
        ? { path: ["serious"], issue: "Expected serious only on a verified concern (verified: true)" }
        : undefined
  )
)
/** @category models @since 0.3.0 */
export type ConcernRecord = typeof ConcernRecord.Type

/**
 * A follow-up action taken on the elder's family (督促, 批评教育, 提交执法部门): the step is one
 * of the governing chain's follow-up ladder (`Policy.Vocabularies.followUpSteps`), `by` who
 * took it (a body or a staff id, not a personal name).
 *
 * @category schemas
 * @since 0.3.0
 */
export const FollowUpRecord = Schema.Struct({
  date: Date,
  step: Id.annotate({ description: "A step of the governing policy's follow-up ladder (e.g. reminder, criticism-education, law-enforcement)" }),
  by: Id.annotate({ description: "Who took it: a body (village-committee, township) or a staff id" }),
  note: Schema.optionalKey(Note.annotate({ description: "What was done or said (personal data)" }))
})
/** @category models @since 0.3.0 */
export type FollowUpRecord = typeof FollowUpRecord.Type

/**
 * A person assigned to the elder for a period: the responsible visitor (责任探访人) or a pairing
 * (结对帮扶). An assignment ends by setting `until`; it is never removed, so that the ledger
 * can say who was responsible on any past date.
 *
 * @category schemas
 * @since 0.2.0
 */
export const Assignment = Schema.Struct({
  id: Id.annotate({ description: "Stable id of the assignment within the case file" }),
  role: Schema.Literals(ASSIGNMENT_ROLES),
  personId: Id.annotate({ description: "The person's id in the county's list of visitors and volunteers (not a name)" }),
  personKind: Schema.Literals(PERSON_KINDS),
  from: Date,
  until: Schema.NullOr(Date).annotate({ description: "Last day of the assignment (inclusive); null while it lasts" })
}).check(
  Schema.makeFilter((a) => (a.until !== null && a.until < a.from ? { path: ["until"], issue: "Expected an end date on or after from" } : undefined))
)
/** @category models @since 0.2.0 */
export type Assignment = typeof Assignment.Type

/**
 * A care service delivered to the elder (关爱服务: 生活照料、精神慰藉、安全监护、权益维护 …): its
 * kind (a service kind the governing policy declares, `vocabularies.serviceKinds`), its date,
 * who delivered it (the person's kind and id, as in an assignment; not a name), and through
 * which program (a program id the governing policy declares) or organisation (an id such as an
 * elders' association or a social-work station). A visit's `services` are service records too
 * (see `Service.received`).
 *
 * @category schemas
 * @since 0.3.0
 */
export const ServiceRecord = Schema.Struct({
  date: Date,
  kind: Id.annotate({ description: "A service kind the governing policy declares (e.g. daily-care)" }),
  personKind: Schema.Literals(PERSON_KINDS),
  personId: Id.annotate({ description: "Who delivered it (a person's id, not a name)" }),
  program: Schema.optionalKey(ProgramId.annotate({ description: "The program it was delivered through" })),
  organisation: Schema.optionalKey(Id.annotate({ description: "The organisation it was delivered through (an id)" })),
  note: Schema.optionalKey(Note)
})
/** @category models @since 0.3.0 */
export type ServiceRecord = typeof ServiceRecord.Type

/**
 * The two kinds of ledger event: an elder enters the active ledger (identified as left behind,
 * a supporter leaves again, the elder moves in) or exits it (a supporter comes home, the elder
 * moves away, enters a nursing home, dies). Nothing is deleted: an exited elder's case file and
 * history stay in the ledger.
 *
 * @category models
 * @since 0.2.0
 */
export const LEDGER_EVENTS = ["entered", "exited"] as const

/**
 * An entry into or exit from the active ledger (动态管理), with its date and a reason id the
 * governing policy declares (`vocabularies.ledgerReasons`).
 *
 * @category schemas
 * @since 0.2.0
 */
export const LedgerEvent = Schema.Struct({
  date: Date,
  event: Schema.Literals(LEDGER_EVENTS),
  reason: Id.annotate({ description: "Why (a ledger reason id the governing policy declares, e.g. supporter-returned, died)" }),
  note: Schema.optionalKey(
    Schema.String.check(filter<string>((s) => s.length <= 500 && !CONTROL_CHARACTERS.test(s), "a note of at most 500 characters without control characters", "Note", { maxLength: 500 }))
  )
})
/** @category models @since 0.2.0 */
export type LedgerEvent = typeof LedgerEvent.Type

/**
 * The v1 case file.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CaseFile = Schema.Struct({
  $schema: Schema.optionalKey(
    Schema.String.check(
      filter<string>((s) => s.length <= 200 && !CONTROL_CHARACTERS.test(s), "a schema URL of at most 200 characters without control characters", "SchemaUrl", { maxLength: 200 })
    )
  ),
  elder: Elder,
  supporters: Schema.Array(Supporter).check(
    filter<ReadonlyArray<{ readonly id: string }>>((xs) => new Set(xs.map((x) => x.id)).size === xs.length, "supporters with distinct ids", "DistinctSupporters", { uniqueItems: true })
  ),
  delegatedCarer: Schema.NullOr(DelegatedCarer),
  visits: Schema.Array(Visit),
  riskAssessments: Schema.Array(RiskAssessment),
  assignments: Schema.optionalKey(Schema.Array(Assignment).annotate({ description: "The responsible visitor and pairings, with their dates (absent = none recorded)" })),
  verified: Schema.optionalKey(
    Schema.Struct({
      supporters: Schema.optionalKey(Date.annotate({ description: "When the supporters' whereabouts and contact were last checked" })),
      income: Schema.optionalKey(Date.annotate({ description: "When the household income and its sources were last checked" })),
      health: Schema.optionalKey(Date.annotate({ description: "When the elder's health, illness and ability were last checked" })),
      housing: Schema.optionalKey(Date.annotate({ description: "When the housing was last checked" }))
    }).annotate({ description: "The date each group of facts was last verified (定期排查); absent = unknown" })
  ),
  ledgerEvents: Schema.optionalKey(
    Schema.Array(LedgerEvent)
      .check(
        Schema.makeFilter((xs) => {
          for (let i = 1; i < xs.length; i++) {
            if (xs[i]!.date < xs[i - 1]!.date) return { path: [i, "date"], issue: "Expected ledger events in date order (on or after the event before)" }
            if (xs[i]!.event === xs[i - 1]!.event) return { path: [i, "event"], issue: "Expected entries and exits to alternate (an entry after an exit, an exit after an entry)" }
          }
          return undefined
        })
      )
      .annotate({ description: "Entries into and exits from the active ledger, in date order, alternating (absent = in the ledger since it was recorded)" })
  ),
  followUps: Schema.optionalKey(
    Schema.Array(FollowUpRecord).annotate({ description: "Follow-up actions taken on the family, with their dates (absent = none recorded)" })
  ),
  concerns: Schema.optionalKey(
    Schema.Array(ConcernRecord).annotate({
      description: "Concerns on record with who observed them, whether they were verified and whether they are resolved (absent = none beyond the visits' concerns)"
    })
  ),
  services: Schema.optionalKey(
    Schema.Array(ServiceRecord).annotate({ description: "Care services delivered (absent = none beyond the visits' services)" })
  )
}).annotate({
  identifier: "CaseFile",
  title: "liushou case file v1",
  description: "One rural elder's case file: the elder, the supporters, a delegated carer, visits and risk assessments"
})
/**
 * @category models
 * @since 0.1.0
 */
export type CaseFile = typeof CaseFile.Type

/**
 * The JSON Schema (draft 2020-12) of the v1 case file, derived from {@link CaseFile}; the
 * committed docs/schema/case-file.schema.json is this document.
 *
 * @category schemas
 * @since 0.1.0
 */
export const jsonSchema = (): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(CaseFile, { onExcessProperty: "error" }) as { schema: Record<string, unknown>; definitions?: Record<string, unknown> }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://liushou.dev/schema/case-file.v1.json",
    ...doc.schema,
    ...(doc.definitions !== undefined && Object.keys(doc.definitions).length > 0 ? { $defs: doc.definitions } : {})
  }
}

// Canonical JSON of a case file: keys sorted at every level, as `canonicalJson` writes them,
// but with the field lists taken once from the Schema, so hashing a case file for its input
// version costs a few microseconds rather than tens.
const sortedKeys = (fields: object): ReadonlyArray<readonly [string, string]> =>
  Object.keys(fields)
    .sort()
    .map((k) => [k, `${JSON.stringify(k)}:`] as const)
const K = {
  caseFile: sortedKeys(CaseFile.fields),
  elder: sortedKeys(Elder.fields),
  supporter: sortedKeys(Supporter.fields),
  carer: sortedKeys(DelegatedCarer.fields),
  visit: sortedKeys(Visit.fields),
  assessment: sortedKeys(RiskAssessment.fields),
  assignment: sortedKeys(Assignment.fields),
  followUp: sortedKeys(FollowUpRecord.fields),
  concern: sortedKeys(ConcernRecord.fields),
  service: sortedKeys(ServiceRecord.fields)
}
const value = (v: unknown): string => {
  if (typeof v === "string") return JSON.stringify(v)
  if (typeof v === "number" || typeof v === "boolean") return String(v)
  if (v === null) return "null"
  if (Array.isArray(v)) {
    let s = "["
    for (let i = 0; i < v.length; i++) s += (i === 0 ? "" : ",") + value(v[i])
    return s + "]"
  }
  return genericCanonical(v)
}
const struct = (o: Record<string, unknown>, keys: ReadonlyArray<readonly [string, string]>, nested?: (k: string, v: unknown) => string | undefined): string => {
  let s = "{"
  let first = true
  for (const [k, quoted] of keys) {
    const v = o[k]
    if (v === undefined) continue
    s += (first ? "" : ",") + quoted + ((nested !== undefined ? nested(k, v) : undefined) ?? value(v))
    first = false
  }
  return s + "}"
}
const list = (xs: ReadonlyArray<Record<string, unknown>>, keys: ReadonlyArray<readonly [string, string]>): string => {
  let s = "["
  for (let i = 0; i < xs.length; i++) s += (i === 0 ? "" : ",") + struct(xs[i]!, keys)
  return s + "]"
}
const genericCanonical = (v: unknown): string => {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null"
  if (Array.isArray(v)) return value(v)
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${genericCanonical((v as Record<string, unknown>)[k])}`).join(",")}}`
}

/**
 * The canonical JSON text of a case file (keys sorted at every level): equal content gives
 * equal text whatever the key order of the objects. Its hash is the case file's input version.
 *
 * @category getters
 * @since 0.1.0
 */
export const canonical = (cf: CaseFile): string =>
  struct(cf as unknown as Record<string, unknown>, K.caseFile, (k, v) => {
    switch (k) {
      case "elder":
        return struct(v as Record<string, unknown>, K.elder)
      case "supporters":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.supporter)
      case "delegatedCarer":
        return v === null ? "null" : struct(v as Record<string, unknown>, K.carer)
      case "visits":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.visit)
      case "riskAssessments":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.assessment)
      case "assignments":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.assignment)
      case "followUps":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.followUp)
      case "concerns":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.concern)
      case "services":
        return list(v as ReadonlyArray<Record<string, unknown>>, K.service)
      default:
        return undefined
    }
  })

// The input version without the text: the canonical JSON's characters are fed to the hash as
// the walk above would write them, so the version equals `hash64(canonical(cf))` (the
// `internal/hash.ts` construction) without building, flattening and reading a string of a few
// kilobytes per case. The hash state is module-local: the walk is synchronous and not re-entered.
let h1 = 0
let h2 = 0
const feed = (text: string): void => {
  let a = h1
  let b = h2
  const n = text.length
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i)
    // 2654435761 as a signed 32-bit integer, as in internal/hash.ts
    a = Math.imul(a ^ ch, -1640531535)
    b = Math.imul(b ^ ch, 1597334677)
  }
  h1 = a
  h2 = b
}
const feedChar = (ch: number): void => {
  h1 = Math.imul(h1 ^ ch, -1640531535)
  h2 = Math.imul(h2 ^ ch, 1597334677)
}
/**
 * a string as JSON: quoted as is unless a character needs escaping (then JSON.stringify's text),
 * in one pass: the state is only stored back when no character needed escaping
 */
const feedString = (s: string): void => {
  let a = Math.imul(h1 ^ 0x22, -1640531535)
  let b = Math.imul(h2 ^ 0x22, 1597334677)
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      feed(JSON.stringify(s))
      return
    }
    a = Math.imul(a ^ c, -1640531535)
    b = Math.imul(b ^ c, 1597334677)
  }
  h1 = Math.imul(a ^ 0x22, -1640531535)
  h2 = Math.imul(b ^ 0x22, 1597334677)
}
const feedValue = (v: unknown): void => {
  if (typeof v === "string") feedString(v)
  else if (typeof v === "number" || typeof v === "boolean") feed(String(v))
  else if (v === null) feed("null")
  else if (Array.isArray(v)) {
    feedChar(0x5b)
    for (let i = 0; i < v.length; i++) {
      if (i > 0) feedChar(0x2c)
      feedValue(v[i])
    }
    feedChar(0x5d)
  } else feed(genericCanonical(v))
}
const feedStruct = (o: Record<string, unknown>, keys: ReadonlyArray<readonly [string, string]>, top: boolean): void => {
  feedChar(0x7b)
  let first = true
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const k = key[0]
    const quoted = key[1]
    const v = o[k]
    if (v === undefined) continue
    if (!first) feedChar(0x2c)
    first = false
    feed(quoted)
    if (!top) feedValue(v)
    else if (k === "elder") feedStruct(v as Record<string, unknown>, K.elder, false)
    else if (k === "supporters") feedList(v as ReadonlyArray<Record<string, unknown>>, K.supporter)
    else if (k === "delegatedCarer") {
      if (v === null) feed("null")
      else feedStruct(v as Record<string, unknown>, K.carer, false)
    } else if (k === "visits") feedList(v as ReadonlyArray<Record<string, unknown>>, K.visit)
    else if (k === "riskAssessments") feedList(v as ReadonlyArray<Record<string, unknown>>, K.assessment)
    else feedValue(v)
  }
  feedChar(0x7d)
}
const feedList = (xs: ReadonlyArray<Record<string, unknown>>, keys: ReadonlyArray<readonly [string, string]>): void => {
  feedChar(0x5b)
  for (let i = 0; i < xs.length; i++) {
    if (i > 0) feedChar(0x2c)
    feedStruct(xs[i]!, keys, false)
  }
  feedChar(0x5d)
}

/**
 * The version of a case file's content: the 64-bit hash of its canonical JSON
 * ({@link canonical}), as 16 hex digits, computed without building the text. Equal content gives
 * an equal version; `Engine.inputVersion` is this function.
 *
 * @category getters
 * @since 0.2.0
 */
export const version = (cf: CaseFile): string => {
  h1 = 0xdeadbeef | 0
  h2 = 0x41c6ce57
  feedStruct(cf as unknown as Record<string, unknown>, K.caseFile, true)
  let a = h1
  let b = h2
  a = Math.imul(a ^ (a >>> 16), 2246822507)
  a ^= Math.imul(b ^ (b >>> 13), 3266489909)
  b = Math.imul(b ^ (b >>> 16), 2246822507)
  b ^= Math.imul(a ^ (a >>> 13), 3266489909)
  return (b >>> 0).toString(16).padStart(8, "0") + (a >>> 0).toString(16).padStart(8, "0")
}
