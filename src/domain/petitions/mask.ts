/**
 * An identity number as shown to everyone but the petition office: the first 4 characters (the
 * prefecture) and the last 4, the rest starred — 620102199001011234 → 6201**********1234.
 * Anything too short to keep 8 characters and still hide some is starred entirely.
 */
export function maskIdNumber(idNumber: string): string {
  const text = idNumber.trim();
  if (text.length <= 8) return '*'.repeat(text.length);
  return `${text.slice(0, 4)}${'*'.repeat(text.length - 8)}${text.slice(-4)}`;
}
