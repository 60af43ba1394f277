// Worker threads do not inherit tsx's module hooks: register them here, then load the worker.
import { register } from "tsx/esm/api"

register({ tsconfig: process.env.TSX_TSCONFIG_PATH })
await import("./worker.ts")
