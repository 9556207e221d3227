/** A form's field messages from a contract's zod issues: the first message for each top-level field. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

export function fieldErrors<Field extends string>(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): FieldErrors<Field> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors as FieldErrors<Field>;
}
