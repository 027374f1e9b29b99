/**
 * SPEC §4: used when neither `--db` nor `CCAC_DATABASE_URL` is given. A module of its own so that
 * the command line can show it as `--db`'s default without loading the store.
 */
export const DEFAULT_STORE_URL = 'pglite:.ccac/state';
