/**
 * `pg` for the tests (a CommonJS package: its default export is the module).
 */
import pg from "pg"

export default pg
