// Every code of one promotion (marketers and the owner: codes are as good as money): search by the
// start of a code, filter by state, who holds an issued code, and revoke one code or every code
// nobody has used yet (a leaked batch). The till reads a revoked code as expired.
import Link from "next/link";
import { notFound } from "next/navigation";
import { RefreshingActionButton as ActionButton } from "@/components/admin/catalog/refresh-button";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { programZone } from "@/lib/admin/program-info";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { CODE_STATES, listCodes, type CodeState } from "@/lib/promotions/codes";
import { codeCounts } from "@/lib/promotions/console";
import { PROMOTION_CODE, promoText } from "@/lib/promotions/definition";
import { promotionVersions } from "@/lib/promotions/store";
import { revokeCodesAction } from "../../actions";

export const generateMetadata = pageTitle("title.console.promotionCodes");

const STATE_COLOR = { usable: "green", used_up: "neutral", expired: "amber", revoked: "red" } as const;

export default async function PromotionCodesPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("promotions.edit");
  const { t, locale } = await getT();
  const { code } = await params;
  if (!PROMOTION_CODE.test(code)) notFound();
  const versions = await promotionVersions(db(), staff.programId, code).catch(() => null);
  if (!versions?.length) notFound();
  const def = (versions.find((v) => v.current) ?? versions[0]).def;
  const sp = await searchParams;
  const table = parseTableParams(sp, { sortable: ["created"] as const, defaultSort: { id: "created", desc: true }, pageSize: 50, maxPage: 2000 });
  const stateParam = param(sp, "state");
  const filters = { q: param(sp, "q")?.slice(0, 64), state: CODE_STATES.includes(stateParam as CodeState) ? (stateParam as CodeState) : undefined };
  const at = now();
  const [program, list, counts] = await Promise.all([
    programZone(db(), staff.programId),
    listCodes(db(), { programId: staff.programId, promotionCode: code, q: filters.q, state: filters.state, limit: table.pageSize, offset: table.offset, now: at }),
    codeCounts(db(), staff.programId, code),
  ]);
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium" });
  const filtered = Boolean(filters.q || filters.state);
  const revocable = counts.total - counts.used - counts.revoked;

  return (
    <>
      <PageHeader
        back={{ href: `/admin/promotions/${code}#codes`, label: promoText(def.name, locale) }}
        title={t("console.promo.codes.listTitle")}
        description={t("console.promo.codes.listLead", { total: formatNumber(locale, counts.total), used: formatNumber(locale, counts.used), revoked: formatNumber(locale, counts.revoked) })}
        actions={
          revocable > 0 && (
            <ActionButton
              action={revokeCodesAction}
              fields={{ code, unused: "1" }}
              variant="danger"
              confirm={{
                title: t("console.promo.codes.revokeUnused"),
                text: t("console.promo.codes.revokeUnusedConfirm", { count: revocable }),
                confirmLabel: t("console.promo.codes.revoke"),
                danger: true,
              }}
            >
              {t("console.promo.codes.revokeUnused")}
            </ActionButton>
          )
        }
      />
      <FilterBar action={`/admin/promotions/${code}/codes`} applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
        <TextField label={t("console.promo.codes.search")} name="q" defaultValue={filters.q} autoCapitalize="characters" spellCheck={false} />
        <SelectField
          label={t("console.promo.codes.state")}
          name="state"
          defaultValue={filters.state ?? ""}
          placeholder={t("console.common.any")}
          options={CODE_STATES.map((s) => ({ value: s, label: t(`console.promo.codes.state.${s}`) }))}
        />
      </FilterBar>
      <DataTable
        caption={t("console.promo.codes.listTitle")}
        sort={table.sort}
        page={table.page}
        pageSize={table.pageSize}
        total={list.total}
        columns={[
          { id: "code", header: t("console.promo.codes.code") },
          { id: "state", header: t("console.promo.codes.state") },
          { id: "uses", header: t("console.promo.codes.uses"), align: "right" },
          { id: "holder", header: t("console.promo.codes.holder"), hideBelow: "md" },
          { id: "expires", header: t("console.promo.codes.expires"), hideBelow: "lg" },
          { id: "actions", header: "", align: "right" },
        ]}
        rows={list.rows.map((r) => ({
          id: r.id,
          cells: {
            code: <code className="font-mono text-sm font-medium text-slate-900">{r.code}</code>,
            state: (
              <span className="flex flex-col items-start gap-0.5">
                <Badge tone={STATE_COLOR[r.state]}>{t(`console.promo.codes.state.${r.state}`)}</Badge>
                {r.revokedAt && <span className="text-xs text-slate-500">{date(r.revokedAt)}</span>}
              </span>
            ),
            uses: <span className="tabular-nums">{r.maxUses === null ? formatNumber(locale, r.uses) : `${formatNumber(locale, r.uses)} / ${formatNumber(locale, r.maxUses)}`}</span>,
            holder: r.customer ? (
              <Link href={`/admin/customers/${r.customer.id}`} className="text-brand-700 underline">
                {r.customer.name}
              </Link>
            ) : (
              t(`console.promo.codes.kind.${r.kind}`)
            ),
            expires: r.expiresAt ? date(r.expiresAt) : "—",
            actions:
              r.kind !== "shared" && !r.revokedAt ? (
                <ActionButton
                  action={revokeCodesAction}
                  fields={{ code, promoCode: r.code }}
                  confirm={{
                    title: t("console.promo.codes.revokeOne", { code: r.code }),
                    text: t("console.promo.codes.revokeOneConfirm"),
                    confirmLabel: t("console.promo.codes.revoke"),
                    danger: true,
                  }}
                >
                  {t("console.promo.codes.revoke")}
                  <span className="sr-only"> {r.code}</span>
                </ActionButton>
              ) : null,
          },
        }))}
        empty={<EmptyState title={filtered ? t("console.promo.codes.emptyFiltered") : t("console.promo.codes.empty")} />}
      />
    </>
  );
}
