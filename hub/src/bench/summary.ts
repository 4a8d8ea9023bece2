export function summary(results: unknown): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
