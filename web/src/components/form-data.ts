/** A text field of a submitted form, trimmed; '' when absent. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A text field, or null when left empty. */
export function formTextOrNull(form: FormData, name: string): string | null {
  return formText(form, name) || null;
}
