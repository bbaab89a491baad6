// What a partner may see of a member: the first name and a masked phone, nothing else.

/** "+79990000001" → "+7 ••• •••-••-01": the country code and the last two digits only. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return "••";
  const cc = phone.startsWith("+7") || phone.startsWith("+1") ? digits.slice(0, 1) : digits.slice(0, Math.min(2, digits.length - 4));
  return `+${cc} ••• •••-••-${digits.slice(-2)}`;
}

export interface MemberView {
  firstName: string | null;
  phone: string | null;
}

/** The member as a partner sees them. */
export function memberView(firstName: string | null | undefined, phone: string | null | undefined): MemberView {
  return { firstName: firstName?.trim() || null, phone: maskPhone(phone) };
}
