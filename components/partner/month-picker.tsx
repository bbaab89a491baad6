// The statement month: a select of the last months (newest first) in a GET form.
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";

export function monthName(locale: Locale, ym: string) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${ym}-01T00:00:00Z`));
}

export function MonthPicker({ action, month, months, locale, t }: { action: string; month: string; months: string[]; locale: Locale; t: Translate }) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-2 print:hidden">
      <label className="text-sm text-slate-700">
        <span className="mb-1 block">{t("stmt.month")}</span>
        <select name="month" defaultValue={month} className={controlClass("md")} data-testid="statement-month">
          {months.map((m) => (
            <option key={m} value={m}>
              {monthName(locale, m)}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" size="md">
        {t("stmt.show")}
      </Button>
    </form>
  );
}
