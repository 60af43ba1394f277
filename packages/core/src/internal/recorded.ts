/**
 * The input versions the decoder recorded: each case file it returned, with the version of its
 * content at that moment, so that evaluating it does not hash it again. Keyed by the object
 * (a weak map: an entry goes with its case file).
 */
const recorded = new WeakMap<object, string>()

/** records the version of a case file the decoder returns */
export const record = (caseFile: object, version: string): void => {
  recorded.set(caseFile, version)
}

/** the version recorded for this object, if the decoder returned it */
export const recordedVersion = (caseFile: object): string | undefined => recorded.get(caseFile)
