"use client";
// The promotion editor: a form for every field of the contract's definition and the same
// definition as JSON (either tab edits the one definition), checked live with the server's own
// parser (errors at their paths), a live preview on a sample basket, and saving a new version.
import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import type { EditorOptions } from "@/lib/promotions/console";
import { parsePromotion } from "@/lib/promotions/definition";
import { problemText } from "@/lib/i18n/definition-issues";
import { getAt, setAt, type Json } from "@/lib/promotions/editor-form";
import { useT } from "@/lib/i18n/client";
import { SaveBar } from "../save-bar";
import { useToast } from "../toast";
import { EditorContext, INPUT } from "./editor-fields";
import { EditorSections, SECTIONS } from "./editor-sections";
import { PreviewPanel, type PreviewAction } from "./preview-panel";

type Saved = { code: string; version: number; changed: boolean };
type SaveAction = (prev: ActionResult<Saved> | null, form: FormData) => Promise<ActionResult<Saved>>;

export function PromotionEditor({
  initial,
  editing,
  options,
  canEdit,
  save,
  preview,
}: {
  initial: Json;
  /** The code of the stored promotion being edited; null for a new one. */
  editing: string | null;
  options: EditorOptions;
  canEdit: boolean;
  save: SaveAction;
  preview: PreviewAction;
}) {
  const tx = useT();
  const toast = useToast();
  const router = useRouter();
  const [def, setDef] = useState<Json>(initial);
  const [tab, setTab] = useState<"form" | "json">("form");
  const [jsonText, setJsonText] = useState(() => JSON.stringify(initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const [state, action, pending] = useActionState<ActionResult<Saved> | null, FormData>(save, null);
  const seen = useRef<ActionResult<Saved> | null>(null);

  const parsed = useMemo(() => parsePromotion(def), [def]);
  const liveErrors = useMemo(() => (parsed.ok ? {} : Object.fromEntries(parsed.errors.map((e) => [e.path, problemText(tx, e)]))), [parsed, tx]);
  const serverErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const showLive = tried || editing !== null;
  const errors: Record<string, string> = { ...(showLive ? liveErrors : {}), ...serverErrors };
  const definition = useMemo(() => JSON.stringify(def), [def]);

  useEffect(() => {
    if (!state || seen.current === state) return;
    seen.current = state;
    if (state.ok) {
      toast(state.message ?? tx("console.promo.unchanged"), "success");
      router.push(`/admin/promotions/${state.data?.code ?? editing ?? ""}`);
      router.refresh();
    } else toast(state.error, "error");
  }, [state, toast, router, tx, editing]);

  // A small form: every control re-renders with the definition anyway.
  const ctx = { def, disabled: !canEdit, error: (path: string) => errors[path], set: (path: string, value: unknown) => setDef((d) => setAt(d, path, value)) };

  function switchTab(next: "form" | "json") {
    if (next === tab) return;
    if (next === "json") {
      setJsonText(JSON.stringify(def, null, 2));
      setJsonError(null);
    } else if (jsonError) return;
    setTab(next);
  }

  function editJson(text: string) {
    setJsonText(text);
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
      setDef(value as Json);
      setJsonError(null);
    } catch {
      setJsonError(tx("console.promo.badJson"));
    }
  }

  function submit() {
    setTried(true);
    if (!parsed.ok || jsonError) {
      toast(tx("console.promo.fixErrors"), "error");
      return;
    }
    const form = new FormData();
    form.set("definition", definition);
    form.set("editing", editing ?? "");
    form.set("note", note);
    startTransition(() => action(form));
  }

  const errorList = Object.entries(errors).filter(([k]) => k !== "_");
  const categories = (getAt(def, "basket.items.categories") as string[] | undefined) ?? [];

  return (
    <EditorContext.Provider value={ctx}>
      <div className="grid gap-6 2xl:grid-cols-[minmax(0,1fr)_34rem]">
        <div className="min-w-0 space-y-6">
          {!canEdit && <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">{tx("console.promo.readOnly")}</p>}
          <div role="tablist" aria-label={tx("console.promo.editorTabs")} className="inline-flex gap-1 rounded-xl bg-slate-100 p-1 text-sm">
            {(["form", "json"] as const).map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`promo-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`promo-panel-${id}`}
                onClick={() => switchTab(id)}
                className={`rounded-lg px-4 py-1.5 font-medium ${tab === id ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              >
                {tx(`console.promo.tab.${id}`)}
              </button>
            ))}
          </div>
          {tab === "form" ? (
            <div role="tabpanel" id="promo-panel-form" aria-labelledby="promo-tab-form" className="space-y-6">
              <nav aria-label={tx("console.promo.sections")} className="flex flex-wrap gap-2 text-sm">
                {SECTIONS.map((s) => (
                  <a key={s} href={`#promo-${s}`} className="rounded-full bg-white px-3 py-1 font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
                    {tx(`console.promo.s.${s}`)}
                  </a>
                ))}
                <a href="#promo-preview" className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-100 2xl:hidden">
                  {tx("console.promo.preview.jump")}
                </a>
              </nav>
              <EditorSections options={options} editing={editing !== null} />
            </div>
          ) : (
            <div role="tabpanel" id="promo-panel-json" aria-labelledby="promo-tab-json" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <p className="mb-2 text-sm text-slate-600">{tx("console.promo.jsonHint")}</p>
              <textarea
                aria-label={tx("console.promo.tab.json")}
                aria-invalid={jsonError ? true : undefined}
                className={`${INPUT} h-[32rem] font-mono text-xs`}
                disabled={!canEdit}
                value={jsonText}
                onChange={(e) => editJson(e.target.value)}
                spellCheck={false}
              />
              {jsonError && <p className="mt-1 text-xs font-medium text-red-700">{jsonError}</p>}
            </div>
          )}

          {canEdit && <SaveBar kind="promotion" errors={errorList} note={note} onNote={setNote} onSave={submit} pending={pending} />}
        </div>
        <aside className="min-w-0 2xl:sticky 2xl:top-4 2xl:self-start">
          <PreviewPanel definition={definition} valid={parsed.ok && !jsonError} options={options} categories={categories} preview={preview} />
        </aside>
      </div>
    </EditorContext.Provider>
  );
}
