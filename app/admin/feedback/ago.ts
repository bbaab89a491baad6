// "3 hours", "2 days": how long ago, in the locale's words.
export function ago(locale: string, at: Date, now = Date.now()): string {
  const s = Math.max(0, (now - at.getTime()) / 1000);
  const unit: [Intl.RelativeTimeFormatUnit, number] = s < 3600 ? ["minute", Math.max(1, Math.round(s / 60))] : s < 86_400 ? ["hour", Math.round(s / 3600)] : ["day", Math.round(s / 86_400)];
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "unit", unit: unit[0], unitDisplay: "long" }).format(unit[1]);
}

/** The instant N days before now (for "waiting over N days"). */
export function daysAgo(days: number, now = Date.now()): number {
  return now - days * 86_400_000;
}
