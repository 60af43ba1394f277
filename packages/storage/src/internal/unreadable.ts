/** The brand of records the caller could not read (`Ledger.unreadable`); a symbol, so no parsed case file can carry it. */
export const UNREADABLE: unique symbol = Symbol.for("@liushou/storage/Unreadable")

export const isUnreadableValue = (v: unknown): boolean => typeof v === "object" && v !== null && (v as { [UNREADABLE]?: unknown })[UNREADABLE] === true
