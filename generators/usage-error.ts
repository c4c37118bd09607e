/** A problem with the user's input (not a bug): the CLI prints its message without a stack trace and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
