/**
 * The version of @liushou/core that plugins check their `core` range against.
 *
 * @since 0.1.0
 */

/**
 * @category getters
 * @since 0.1.0
 */
export const CORE_VERSION = "0.1.0"
