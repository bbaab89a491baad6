// URL search params of a server-side table → page, size, sort (whitelisted columns only).
export interface TableParams<S extends string> {
  page: number;
  pageSize: number;
  offset: number;
  sort: { id: S; desc: boolean };
}

export type SearchParams = Record<string, string | string[] | undefined>;

export function param(sp: SearchParams, name: string): string | undefined {
  const v = sp[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === "" ? undefined : s;
}

/** `sort=name` ascending, `sort=-name` descending; unknown columns fall back to the default. */
export function parseTableParams<S extends string>(
  sp: SearchParams,
  opts: { sortable: readonly S[]; defaultSort: { id: S; desc: boolean }; pageSize?: number; sizes?: number[]; maxPage?: number },
): TableParams<S> {
  const sizes = opts.sizes ?? [25, 50, 100];
  const requestedSize = Number(param(sp, "size"));
  const pageSize = sizes.includes(requestedSize) ? requestedSize : (opts.pageSize ?? sizes[0]);
  const rawPage = Math.floor(Number(param(sp, "page") ?? 1));
  const page = Math.min(Math.max(Number.isFinite(rawPage) ? rawPage : 1, 1), opts.maxPage ?? 10_000);
  const rawSort = param(sp, "sort") ?? "";
  const desc = rawSort.startsWith("-");
  const id = (desc ? rawSort.slice(1) : rawSort) as S;
  const sort = opts.sortable.includes(id) ? { id, desc } : opts.defaultSort;
  return { page, pageSize, offset: (page - 1) * pageSize, sort };
}
