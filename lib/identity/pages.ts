// The provider's own HTML pages (logout confirmation, signed out, protocol errors): small,
// translated, accessible, with no scripts (the logout form is oidc-provider's, with its xsrf field).
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:1rem}
h1{font-size:1.375rem;margin:0 0 .75rem}p{line-height:1.5;color:#334155}
.row{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}
button,a.btn{font:inherit;font-weight:600;padding:.625rem 1rem;border-radius:.5rem;border:1px solid #cbd5e1;background:#fff;color:#0f172a;cursor:pointer;text-decoration:none}
button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
code{font-size:.875rem;color:#475569}`;

type PageData = { kind: "logout"; form: string; site: string | null } | { kind: "loggedOut"; site: string | null } | { kind: "error"; error: string; description: string | null };

export function identityPage(data: PageData, localeValue?: string): string {
  const locale: Locale = isLocale(localeValue) ? localeValue : "ru";
  const t = translator(locale);
  let title: string;
  let body: string;
  if (data.kind === "logout") {
    title = t("identity.logout.title");
    body = `<h1>${esc(title)}</h1><p>${esc(data.site ? t("identity.logout.leadSite", { site: data.site }) : t("identity.logout.lead"))}</p>${data.form}
<div class="row"><button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${esc(t("identity.logout.yes"))}</button>
<button type="submit" form="op.logoutForm">${esc(t("identity.logout.no"))}</button></div>`;
  } else if (data.kind === "loggedOut") {
    title = t("identity.loggedOut.title");
    body = `<h1>${esc(title)}</h1><p>${esc(t("identity.loggedOut.lead"))}</p><div class="row"><a class="btn" href="/cabinet">${esc(t("identity.toCabinet"))}</a></div>`;
  } else {
    title = t("identity.error.title");
    body = `<h1>${esc(title)}</h1><p>${esc(t("identity.error.lead"))}</p><p><code>${esc(t("identity.error.code", { code: data.error }))}${data.description ? ` — ${esc(data.description)}` : ""}</code></p>`;
  }
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}
