// Audit log: every write in the console (and sign-ins, POS keys, merges) with before and after.
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { auditFacets, searchAudit } from "@/lib/admin/audit-log";
import { listStaff } from "@/lib/admin/staff-users";
import { programInfo } from "@/lib/admin/program-info";
import { dayStart } from "@/lib/time";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";

export const generateMetadata = pageTitle("title.console.audit");

const short = (v: unknown) => {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** What changed, field by field (before → after), with the full records one click away. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-500">—</span>;
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return (
    <div className="w-72 max-w-full text-xs">
      <ul className="space-y-0.5">
        {keys.slice(0, 8).map((k) => (
          <li key={k} className="break-all">
            <span className="font-medium text-slate-800">{k}</span>: {k in b && <span className="text-red-700 line-through decoration-red-300">{short(b[k])}</span>}
            {k in b && k in a && " → "}
            {k in a && <span className="text-emerald-700">{short(a[k])}</span>}
          </li>
        ))}
      </ul>
      {(keys.length > 8 || keys.length === 0) && <span className="text-slate-500">…</span>}
      <details className="mt-1">
        <summary className="cursor-pointer text-slate-500 hover:text-slate-800">JSON</summary>
        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] leading-snug text-slate-700">
          {JSON.stringify({ before, after }, null, 1)}
        </pre>
      </details>
    </div>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("audit.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const program = await programInfo(db(), staff.programId, locale);
  const table = parseTableParams(sp, { sortable: ["at"] as const, defaultSort: { id: "at", desc: true }, pageSize: 50, maxPage: 1000 });
  const filters = {
    actorId: param(sp, "actor"),
    action: param(sp, "action"),
    entityType: param(sp, "entity"),
    entityId: param(sp, "entityId"),
    from: dayStart(program.timezone, param(sp, "from")),
    to: dayStart(program.timezone, param(sp, "to"), 1),
  };
  const [result, facets, people] = await Promise.all([
    searchAudit(db(), staff.programId, filters, { limit: table.pageSize, offset: table.offset, desc: table.sort.desc }),
    auditFacets(db(), staff.programId),
    listStaff(db(), staff.programId),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader title={t("console.audit.title")} description={t("console.audit.lead")} />
      <FilterBar action="/admin/audit" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
        <SelectField
          label={t("console.audit.actor")}
          name="actor"
          defaultValue={filters.actorId ?? ""}
          placeholder={t("console.common.any")}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
        />
        <SelectField
          label={t("console.audit.action")}
          name="action"
          defaultValue={filters.action ?? ""}
          placeholder={t("console.common.any")}
          options={facets.actions.map((a) => ({ value: a, label: a }))}
        />
        <SelectField
          label={t("console.audit.entity")}
          name="entity"
          defaultValue={filters.entityType ?? ""}
          placeholder={t("console.common.any")}
          options={facets.entities.map((a) => ({ value: a, label: a }))}
        />
        <TextField label={t("console.audit.entityId")} name="entityId" defaultValue={filters.entityId} placeholder="cus_…" />
        <TextField label={t("console.audit.from")} name="from" type="date" defaultValue={param(sp, "from")} />
        <TextField label={t("console.audit.to")} name="to" type="date" defaultValue={param(sp, "to")} />
      </FilterBar>
      <DataTable
        caption={t("console.audit.title")}
        sort={table.sort}
        page={table.page}
        pageSize={table.pageSize}
        hasNext={result.hasNext}
        columns={[
          { id: "at", header: t("console.audit.when"), sortable: true },
          { id: "actor", header: t("console.audit.actor") },
          { id: "action", header: t("console.audit.action") },
          { id: "entity", header: t("console.audit.entity"), hideBelow: "md" },
          { id: "changes", header: t("console.audit.changes"), hideBelow: "lg" },
        ]}
        rows={result.rows.map((r) => ({
          id: String(r.id),
          cells: {
            at: <span className="whitespace-nowrap text-xs">{formatDate(locale, r.at, program.timezone, { dateStyle: "medium", timeStyle: "medium" })}</span>,
            actor: (
              <span className="text-sm">
                {r.actorName ?? <Badge>{r.actorType}</Badge>}
                {r.actorId && !r.actorName && <span className="block font-mono text-[11px] text-slate-500">{r.actorId}</span>}
              </span>
            ),
            action: (
              <span>
                <span className="font-mono text-xs font-semibold">{r.action}</span>
                {r.reason && <span className="mt-0.5 block max-w-xs text-xs text-slate-600">“{r.reason}”</span>}
              </span>
            ),
            entity: (
              <span className="text-xs">
                {r.entityType}
                <span className="block font-mono text-[11px] text-slate-500">{r.entityId}</span>
              </span>
            ),
            changes: <Changes before={r.before} after={r.after} />,
          },
        }))}
        empty={<EmptyState title={filtered ? t("console.audit.emptyFiltered") : t("console.audit.empty")} />}
      />
    </>
  );
}
