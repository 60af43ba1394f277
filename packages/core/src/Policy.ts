/**
 * The policy plugin contract: one typed value carrying its metadata, its dated parameters
 * and its rules. Provinces, prefectures and counties write plugins; the loader checks them.
 *
 * @since 0.1.0
 */
import type { CalendarDate } from "./CalendarDate.js"
import type { CaseFile } from "./CaseFile.js"
import type { Basis, Citation, Reason, Text } from "./Decision.js"
import type { RuleName, RuleOutputs } from "./Evaluation.js"
import type { Indicator } from "./Indicator.js"
import type { Parameter, Resolved } from "./Parameter.js"

/**
 * A risk level a plugin grades elders into (ordered lowest first in `riskLevels`).
 *
 * @category risk
 * @since 0.1.0
 */
export interface RiskLevel {
  readonly id: string
  readonly name: Text
}

/**
 * A term of a plugin's vocabulary: a stable id and its name in Chinese and English.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export interface Term {
  readonly id: string
  readonly name: Text
}

/**
 * A program (assistance or service) an elder may receive or be eligible for. `topic` is the
 * clause topic (see `PolicyPlugin.clauses`) where the governing document provides for it.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export interface Program extends Term {
  readonly topic: string
}

/**
 * An additional case-file fact a plugin reads from `elder.facts`, with the type of its value.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export interface Fact extends Term {
  readonly type: "boolean" | "number" | "string" | "date"
}

/**
 * A reason an elder enters or leaves the active ledger (`CaseFile.LedgerEvent.reason`), and
 * which of the two events it explains.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export interface LedgerReason extends Term {
  readonly event: "entered" | "exited"
}

/**
 * A kind of care service (关爱服务) an elder may receive (`CaseFile.ServiceRecord.kind`, a
 * visit's `services`): the national baseline declares §10's four basic services, a province may
 * add its own.
 *
 * @category vocabularies
 * @since 0.3.0
 */
export type ServiceKind = Term

/**
 * The vocabularies of a plugin chain: policy lists that plugins declare, not core.
 *
 * - `programs`, `bodies` (referral bodies), `concerns` (what a visitor may record), `facts`
 *   (additional case-file facts), `ledgerReasons` (why an elder enters or leaves the active
 *   ledger) and `serviceKinds` (kinds of care service) are **extended** down the chain: a plugin's entries are added
 *   to its parent's, and an id may be declared once per chain.
 * - `followUpSteps` is a ladder, lowest first; the first step means "no follow-up". A plugin
 *   that declares it **replaces** its parent's ladder (spread the parent's steps to keep them).
 *
 * @category vocabularies
 * @since 0.2.0
 */
export interface Vocabularies {
  readonly programs: ReadonlyArray<Program>
  readonly followUpSteps: ReadonlyArray<Term>
  readonly bodies: ReadonlyArray<Term>
  readonly concerns: ReadonlyArray<Term>
  readonly facts: ReadonlyArray<Fact>
  /** @since 0.2.0 */
  readonly ledgerReasons: ReadonlyArray<LedgerReason>
  /** @since 0.3.0 */
  readonly serviceKinds: ReadonlyArray<ServiceKind>
}

/**
 * The name of a vocabulary, including the chain's `riskLevels`: what a parameter table may be
 * keyed by (`Parameter.keyedBy`) and what a rule may say it uses (`Rule.uses`).
 *
 * @category vocabularies
 * @since 0.2.0
 */
export type VocabularyName = keyof Vocabularies | "riskLevels"

/**
 * The vocabulary names, in the order the loader checks and reports them.
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const VOCABULARY_NAMES: ReadonlyArray<VocabularyName> = ["riskLevels", "programs", "followUpSteps", "bodies", "concerns", "facts", "ledgerReasons", "serviceKinds"]

/**
 * Per-elder context a compiled rule receives. The engine reuses one object; do not keep it.
 *
 * @category models
 * @since 0.1.0
 */
export interface EvalContext {
  readonly asOf: CalendarDate
  readonly asOfDay: number
  /** the elder's age in full years at the as-of date */
  readonly age: number
  /** records a regional parameter value the rule used, for provenance */
  readonly use: (resolved: Resolved) => void
}

/**
 * A compiled rule: the hot path, called once per elder.
 *
 * @category models
 * @since 0.1.0
 */
export type RuleFn<K extends RuleName> = (caseFile: CaseFile, ctx: EvalContext, prior: Partial<RuleOutputs>) => RuleOutputs[K]

/**
 * What a reason rests on, for `CompileEnv.reason`: the parameters it reads (ids of parameters
 * of the chain, or regional values as looked up) and, for the part that reads the text itself,
 * whether that reading is the text's plain words (`law`) or an interpretation. The reason's
 * basis is the weakest of these; with no parameter it is the reading alone.
 *
 * @category models
 * @since 0.2.0
 */
export interface RestsOn {
  readonly params?: ReadonlyArray<string | Resolved | undefined>
  /** default: the rule's `reading`, else `law` */
  readonly reading?: "law" | "interpretation"
}

/**
 * What a rule gets when it is compiled for a policy and a date: parameters resolved once,
 * reasons built once.
 *
 * @category models
 * @since 0.1.0
 */
export interface CompileEnv<K extends RuleName> {
  readonly asOf: CalendarDate
  readonly asOfDay: number
  /** the plugin the rule runs under (the selected one, not the one that defined the rule) */
  readonly policy: PolicyPlugin
  /** the value of a parameter at the as-of date (most specific plugin of the chain first) */
  readonly param: <A>(id: string) => A
  /** a lookup of a regional parameter for a region code at the as-of date */
  readonly regional: <A>(id: string) => (regionCode: string) => Resolved<A> | undefined
  /** the risk levels of the chain, lowest first */
  readonly riskLevels: ReadonlyArray<RiskLevel>
  /** the vocabularies of the chain (programs, follow-up ladder, bodies, concerns, facts) */
  readonly vocabularies: Vocabularies
  /** the parent plugin's compiled rule of the same name, when there is one */
  readonly parent: RuleFn<K> | undefined
  /**
   * The citation for a topic ("identification", "duties.contact", ...) in the most specific
   * plugin of the chain whose `clauses` names it: an inherited rule cites the governing
   * plugin's own document.
   */
  readonly cite: (topic: string) => Citation
  /**
   * Builds a reason whose `basis` is derived from what it rests on (the statuses of the
   * parameters it reads; the rule's reading of the text when it reads none) and whose text
   * carries the basis label. Never type a basis by hand.
   */
  readonly reason: (code: string, citation: Citation, zh: string, en: string, restsOn?: RestsOn) => Reason
}

/**
 * A rule: the parameters it reads and the clause topics it cites (both checked at load time:
 * a parameter no plugin of the chain defines, or a topic no plugin of the chain names in its
 * `clauses`, refuses the plugin), the vocabulary ids it produces or reads, and how it compiles.
 *
 * @category models
 * @since 0.1.0
 */
export interface Rule<K extends RuleName> {
  readonly parameters: ReadonlyArray<string>
  /** every topic the rule passes to `CompileEnv.cite` (topics it only tries, with a fallback, may be left out) @since 0.2.0 */
  readonly topics: ReadonlyArray<string>
  /**
   * Vocabulary ids the rule produces or reads by name (a follow-up step, a referral body, a
   * program): the loader refuses a chain that does not declare them. @since 0.2.0
   */
  readonly uses?: { readonly [V in VocabularyName]?: ReadonlyArray<string> }
  /**
   * How the rule reads its text where a reason reads no parameter: `law` (the plain words,
   * the default) or `interpretation`. A reason may say otherwise with `RestsOn.reading`.
   */
  readonly reading?: "law" | "interpretation"
  readonly compile: (env: CompileEnv<K>) => RuleFn<K>
}

/**
 * The rules a plugin defines.
 *
 * @category models
 * @since 0.1.0
 */
export type Rules = { readonly [K in RuleName]?: Rule<K> }

/**
 * A policy document.
 *
 * @category models
 * @since 0.1.0
 */
export interface PolicyDocument {
  /** the document number, e.g. 湘民发〔2018〕30号 */
  readonly number: string
  readonly title: Text
  readonly issuer?: Text
  readonly url?: string
}

/**
 * A policy plugin.
 *
 * @category models
 * @since 0.1.0
 */
export interface PolicyPlugin {
  /** stable id, e.g. `hunan-2018-30` */
  readonly id: string
  /** the plugin's semver: fixing a calculation = patch, a new rule or parameter = minor, renaming or removing one = major */
  readonly version: string
  readonly document: PolicyDocument
  /** the region-code prefix the plugin governs ("43" Hunan, "4301" a prefecture), null for the national baseline */
  readonly region: string | null
  readonly effectiveFrom: CalendarDate
  /** last day in force (inclusive), null while in force */
  readonly effectiveUntil: CalendarDate | null
  /** the @liushou/core version range the plugin needs */
  readonly core: string
  /** the plugin it extends and the version range it needs, null for a baseline */
  readonly extends: { readonly id: string; readonly version: string } | null
  /** risk levels lowest first; inherited from the parent when absent */
  readonly riskLevels?: ReadonlyArray<RiskLevel>
  /**
   * The plugin's vocabularies: programs, bodies, concerns and facts add to the parent's; a
   * follow-up ladder replaces the parent's. See {@link Vocabularies}. @since 0.2.0
   */
  readonly vocabularies?: Partial<Vocabularies>
  readonly parameters: ReadonlyArray<Parameter>
  readonly rules: Rules
  /** the parent's rules this plugin replaces; each must exist in the parent */
  readonly overrides: ReadonlyArray<RuleName>
  /**
   * Where this plugin's document says what each topic means: topic → clause ("1".."10"),
   * used by rules through `CompileEnv.cite`. Topics a rule cites are listed in the docs of
   * the plugin that defines the rule.
   */
  readonly clauses?: Readonly<Record<string, string>>
  /**
   * The plugin's evaluation method (考评办法): the indicators a county is evaluated on, as data
   * (see `Indicator`). A plugin that declares them replaces its parent's set; absent = the
   * parent's. @since 0.3.0
   */
  readonly indicators?: ReadonlyArray<Indicator>
  readonly description?: Text
}

/**
 * Defines a policy plugin (an identity function that checks the type).
 *
 * **Example**
 * ```ts
 * import { Policy } from "@liushou/core"
 * export const plugin = Policy.define({
 *   id: "changsha-county-2019", version: "1.0.0",
 *   document: { number: "长县民发〔2019〕1号", title: { zh: "实施细则", en: "Detailed rules" } },
 *   region: "430121", effectiveFrom: "2019-01-01", effectiveUntil: "2023-08-02",
 *   core: "^0.2.0", extends: { id: "hunan-2018-30", version: "^1.0.0" },
 *   parameters: [], rules: {}, overrides: []
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const define = <const P extends PolicyPlugin>(plugin: P): P => plugin

/**
 * Defines a rule.
 *
 * @category constructors
 * @since 0.1.0
 */
export const rule = <K extends RuleName>(_name: K, rule: Rule<K>): Rule<K> => rule

/**
 * An empty set of vocabularies (a baseline's starting point).
 *
 * @category vocabularies
 * @since 0.2.0
 */
export const emptyVocabularies: Vocabularies = { programs: [], followUpSteps: [], bodies: [], concerns: [], facts: [], ledgerReasons: [], serviceKinds: [] }

/**
 * `id@version` of a plugin.
 *
 * @category getters
 * @since 0.1.0
 */
export const key = (p: { readonly id: string; readonly version: string }): string => `${p.id}@${p.version}`

/**
 * A citation of a clause of a plugin's own document.
 *
 * @category constructors
 * @since 0.1.0
 */
export const citeClause = (plugin: { readonly document: PolicyDocument }, clause: string): Citation => ({
  document: plugin.document.number,
  clause
})

export type { Basis, Reason }
