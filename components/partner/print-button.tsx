"use client";
// Opens the browser's print dialog (the printable statement); not printed itself.
import { Button } from "@/components/ui/button";

export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="primary" onClick={() => window.print()} className="print:hidden" data-testid="print-now">
      {label}
    </Button>
  );
}
