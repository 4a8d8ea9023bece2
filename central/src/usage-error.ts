/** A command line central cannot follow: said in one line with the usage, not logged as a crash. */
export class UsageError extends Error {}
