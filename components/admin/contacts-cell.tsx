// A customer's phone and email in one table cell (customer lists of the console).
export function ContactsCell({ phone, email }: { phone: string | null; email: string | null }) {
  return (
    <div className="text-sm">
      <div className="tabular-nums">{phone ?? "—"}</div>
      {email && <div className="max-w-[14rem] truncate text-xs text-slate-500">{email}</div>}
    </div>
  );
}
