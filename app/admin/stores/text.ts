// Translated texts of the store forms (shared by the new and edit pages).
import type { Translate } from "@/lib/i18n/translate";
import type { StoreFormText } from "./store-form";
import type { KeyText } from "./terminal-keys";

export function storeFormText(t: Translate, submit: string): StoreFormText {
  return {
    code: t("console.stores.code"),
    codeHint: t("console.stores.codeHint"),
    name: t("console.stores.name"),
    partner: t("console.stores.partner"),
    noPartner: t("console.stores.noPartner"),
    timezone: t("console.stores.timezone"),
    timezoneHint: t("console.stores.timezoneHint"),
    tags: t("console.stores.tags"),
    tagsHint: t("console.stores.tagsHint"),
    submit,
  };
}

export function keyText(t: Translate): KeyText {
  return {
    name: t("console.stores.keyName"),
    namePlaceholder: t("console.stores.keyNamePlaceholder"),
    issue: t("console.stores.issueKey"),
    shownOnce: t("console.stores.shownOnce"),
    copy: t("console.stores.copy"),
    copied: t("console.stores.copied"),
    done: t("console.stores.keyDone"),
    revoke: t("console.stores.revoke"),
    revokeTitle: t("console.stores.revokeTitle"),
    revokeText: t("console.stores.revokeText"),
    approve: t("console.stores.approve"),
  };
}
