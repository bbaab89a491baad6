// A receipt, voucher or request that is not the fan's (or does not exist): inside the cabinet's frame.
import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function CabinetNotFound() {
  const { t } = await getT();
  return (
    <div className="mx-auto flex max-w-md flex-col items-center py-16 text-center">
      <p className="text-6xl font-black text-slate-300">404</p>
      <h1 className="mt-4 text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-2 text-slate-600">{t("notFound.text")}</p>
      <Link href="/cabinet" className="mt-6 rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700">
        {t("cabinet.nav.home")}
      </Link>
    </div>
  );
}
