// The virtual card: EAN-13 barcode and QR code rendered on the server, big enough for a till
// scanner to read from a phone. A fan without a card gets one issued here.
import { pageTitle } from "@/lib/i18n/server";
import { ensureVirtualCard } from "@/lib/customers/card";
import { ean13Svg, qrSvg } from "@/lib/customers/barcodes";
import { formatDate } from "@/lib/i18n/translate";
import { customerTierView } from "@/lib/tiers/progress";
import { walletsAvailable } from "@/lib/wallet/config";
import { memberGoogleSaveUrl } from "@/lib/wallet/member-wallets";
import { PageTitle, TierChip } from "@/components/cabinet/ui";
import { Crest } from "@/components/cabinet/shell";
import { fanName, loadCabinet } from "../../_lib/context";

export const generateMetadata = pageTitle("title.cabinet.card");

export default async function CardPage() {
  const { customer, program, t, locale, db } = await loadCabinet();
  const [{ card, issued }, view] = await Promise.all([ensureVirtualCard(db, customer), customerTierView(db, customer.id, undefined, locale)]);
  const wallets = walletsAvailable();
  const googleUrl = wallets.google ? await memberGoogleSaveUrl(db, customer) : null;
  const grouped = card.number.replace(/^(\d{4})(\d{4})(\d{4})(\d)$/, "$1 $2 $3 $4");
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle title={t("cabinet.card.title")} lead={t("cabinet.card.lead")} />
      {issued && (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {t("cabinet.card.newIssued")}
        </p>
      )}
      <div className="overflow-hidden rounded-3xl bg-white shadow-lg ring-1 ring-slate-200">
        <div className="relative overflow-hidden bg-brand-900 px-5 py-4 text-white">
          <div aria-hidden className="pointer-events-none absolute inset-0 opacity-60 [background:radial-gradient(20rem_10rem_at_100%_0%,var(--brand),transparent)]" />
          <div className="relative flex items-center justify-between gap-3">
            <span className="flex min-w-0 items-center gap-2 font-bold">
              <Crest className="size-8 shrink-0" />
              <span className="truncate">{program.name}</span>
            </span>
            <TierChip name={view.tier.name} color={view.tier.color} />
          </div>
          <p className="relative mt-3 truncate text-sm text-white/80">
            <span className="sr-only">{t("cabinet.card.holder")}: </span>
            {fanName(customer)}
          </p>
        </div>
        <div className="space-y-6 p-5 sm:p-7">
          <figure>
            <div
              role="img"
              aria-label={t("cabinet.card.barcode", { number: card.number })}
              className="mx-auto w-full max-w-md [&>svg]:h-auto [&>svg]:w-full"
              dangerouslySetInnerHTML={{ __html: ean13Svg(card.number) }}
            />
          </figure>
          <div className="flex flex-col items-center gap-5 sm:flex-row sm:items-center sm:justify-between">
            <div role="img" aria-label={t("cabinet.card.qr")} className="w-56 max-w-full [&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qrSvg(card.qrToken) }} />
            <dl className="text-center sm:text-right">
              <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("cabinet.card.number")}</dt>
              <dd className="mt-1 font-mono text-xl font-bold tracking-widest" data-testid="card-number">
                {grouped}
              </dd>
              <dd className="mt-2 text-sm text-slate-500">{t("cabinet.card.issued", { date: formatDate(locale, card.issuedAt, program.timezone) })}</dd>
            </dl>
          </div>
        </div>
      </div>
      {(wallets.apple || googleUrl) && (
        <section aria-labelledby="wallets-title" className="mt-6 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="wallets-title" className="font-semibold">
            {t("cabinet.card.wallets")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("cabinet.card.walletHint")}</p>
          <div className="mt-4 flex flex-col gap-3 sm:flex-row">
            {wallets.apple && (
              <a
                href="/cabinet/card/apple-wallet"
                download="card.pkpass"
                data-testid="apple-wallet"
                className="inline-flex min-h-12 items-center justify-center gap-2 rounded-xl bg-black px-5 py-3 text-sm font-semibold text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
              >
                <WalletGlyph />
                {t("cabinet.card.addApple")}
              </a>
            )}
            {googleUrl && (
              <a
                href={googleUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="google-wallet"
                className="inline-flex min-h-12 items-center justify-center gap-2 rounded-xl bg-black px-5 py-3 text-sm font-semibold text-white hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
              >
                <WalletGlyph />
                {t("cabinet.card.addGoogle")}
              </a>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

function WalletGlyph() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="3" y="6" width="18" height="13" rx="2" />
      <path d="M3 10h18M16 14.5h2" />
    </svg>
  );
}
