"use client";
// A secret shown once (a till's key, a site's client secret, a new password): selectable, with a
// copy button that says when it copied, and "Done" to hide it for good.
import { useState } from "react";
import { Button } from "./button";

export function OneTimeSecret({
  label,
  value,
  onDone,
  doneLabel,
  copy,
  testId = "one-time-secret",
}: {
  label: string;
  value: string;
  onDone: () => void;
  doneLabel: string;
  /** The copy button's words; without them there is no copy button. */
  copy?: { label: string; copied: string };
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
      <p className="text-sm font-medium text-amber-900">{label}</p>
      <code data-testid={testId} className="block select-all break-all rounded-lg bg-white px-3 py-2 font-mono text-sm ring-1 ring-amber-200">
        {value}
      </code>
      <div className="flex gap-2">
        {copy && (
          <Button
            size="sm"
            aria-live="polite"
            onClick={() => {
              void navigator.clipboard?.writeText(value).then(() => {
                setCopied(true);
                setTimeout(() => setCopied(false), 2000);
              });
            }}
          >
            {copied ? copy.copied : copy.label}
          </Button>
        )}
        <Button size="sm" variant="secondary" onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
    </div>
  );
}
