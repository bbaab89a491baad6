// Card numbers are EAN-13 (scannable by any till): prefix 20 (in-store numbering) + serial + check digit.

export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function cardNumberFromSerial(serial: number): string {
  const body = "20" + String(serial).padStart(10, "0");
  if (body.length !== 12) throw new Error(`card serial out of range: ${serial}`);
  return body + ean13CheckDigit(body);
}

export function isValidCardNumber(n: string): boolean {
  return /^\d{13}$/.test(n) && ean13CheckDigit(n.slice(0, 12)) === Number(n[12]);
}
